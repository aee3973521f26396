"""devices: timing on each available device, device-agnostic code, and the NumPy conversion
errors (parrt notebook 7, learnpytorch 00)."""

import pytest
import torch

from lessons.images import devices
from tests.conftest import finished_run, run_lesson
from tutor.formatting import number

NO_CUDA = not torch.cuda.is_available()


def test_cpu_timing_is_measured():
    result = finished_run("devices", {"steps": 3})
    assert result.metrics["cpu_ms_per_step"] > 0
    bars = result.figures["timing"]
    assert bars.labels[0].startswith("cpu") and all(v > 0 for v in bars.values)
    assert len(bars.values) == result.metrics["devices_timed"]
    assert "ms per training step of 512 images" in bars.summary
    # the whole run, as the course timed it: more than its timed steps alone
    m = result.metrics
    assert m["cpu_whole_run_s"] > 3 * m["cpu_ms_per_step"] / 1000
    note = next(n for n in result.notes if n.startswith("the whole run"))
    assert f"cpu {number(m['cpu_whole_run_s'])} s" in note and "37.6 s on a CPU" in note


def test_a_loss_tensor_keeps_its_graph_and_item_gives_a_plain_number():
    # the page: why a history holds loss.item(), not the loss tensor
    w = torch.ones(3, requires_grad=True)
    loss = (w * 2).sum()
    loss.backward()
    assert loss.grad_fn is not None and loss.requires_grad  # kept: the record of how
    assert type(loss.item()) is float


def test_the_device_agnostic_line_agrees_with_the_probe():
    from tutor.devices import probe

    best = next(
        s.name for s in sorted(probe(), key=lambda s: ["cuda", "mps", "cpu"].index(s.name)) if s.available
    )
    assert devices.pick_device() == best


@pytest.mark.skipif(not NO_CUDA, reason="this machine has a CUDA GPU")
def test_no_gpu_is_said_plainly_and_the_lesson_still_teaches_the_code():
    result = run_lesson("devices", {"steps": 2})
    assert result.status == "finished"
    table = result.figures["devices"]
    cuda = next(row for row in table.rows if row[0] == "cuda")
    assert cuda[1] == "no" and cuda[2]  # unavailable, with a reason
    assert "cuda: not available (" in table.summary
    assert "no GPU on this machine" in result.figures["timing"].summary
    assert result.metrics["cuda_available"] == 0 and result.metrics["devices_timed"] == 1
    text = result.figures["numpy"]
    assert "NOT produced here" in text.text and devices.CUDA_NUMPY_ERROR in text.text
    assert "not produced here (no GPU)" in text.summary
    assert "scores.detach().cpu().numpy()\n→ numpy array (512, 10), float32; first row" in text.text


def test_the_cuda_message_shown_as_text_is_pytorchs_own():
    # The same check fires for a tensor on the "meta" device; only the device name differs.
    with pytest.raises(TypeError) as error:
        torch.ones(3, device="meta").numpy()
    real = f"TypeError: {error.value}".replace("meta", "cuda:0")
    assert real == devices.CUDA_NUMPY_ERROR


@pytest.mark.parametrize("how", ["numpy", "cpu-numpy"])
def test_numpy_on_scores_that_require_grad_fails_with_the_real_message(how):
    result = run_lesson("devices", {"to_numpy": how, "steps": 2})
    assert result.status == "finished"  # the error is shown, not raised
    assert result.metrics["numpy_errors"] == result.metrics["devices_timed"]
    text = result.figures["numpy"]
    assert text.style == "error"
    assert (
        "RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
    ) in text.text
    assert result.goal_met is False


def test_detach_cpu_numpy_works_and_meets_the_goal():
    result = run_lesson("devices", {"to_numpy": "detach-cpu-numpy", "steps": 2})
    assert result.metrics["numpy_errors"] == 0 and result.goal_met
    assert result.figures["numpy"].style == "code"


def test_a_run_repeats_with_the_same_seed():
    result = run_lesson("devices", {"steps": 5, "hidden": 64, "batch_size": 128})
    note = next(n for n in result.notes if n.startswith("loss after the timed steps"))
    cpu_loss = float(note.split("cpu ")[1].split(",")[0])
    again = run_lesson("devices", {"steps": 5, "hidden": 64, "batch_size": 128})
    assert note in again.notes and 0 < cpu_loss < 2.31


@pytest.mark.skipif(NO_CUDA, reason="needs a CUDA GPU")
def test_cuda_path():
    result = finished_run("devices", {"steps": 5}, device="cuda")
    assert result.metrics["cuda_ms_per_step"] > 0 and result.metrics["devices_timed"] >= 2
    assert devices.CUDA_NUMPY_ERROR in result.figures["numpy"].text
    assert "NOT produced here" not in result.figures["numpy"].text
    losses = next(n for n in result.notes if n.startswith("loss after"))
    cpu, cuda = (float(part.split()[1]) for part in losses.split(": ")[1].split(", ")[:2])
    assert abs(cpu - cuda) < 1e-3
