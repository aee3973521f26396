"""Stop ends a lesson promptly: a loop that calls an nn.Module stops at its next forward pass
(the runner's hook), one that calls none (the tensor-ops race) at its next run.check()."""

import functools
import threading
import time

import pytest

from lessons.tensors import tensor_ops
from tutor.course import catalogue
from tutor.runner import Run

PROMPT = 1.0  # seconds from Stop to the end of the run


def stop_when(lesson_id, overrides, started):
    """Run the lesson in a thread, Stop it once started(run) is true; the seconds it took to end."""
    lesson = catalogue().get(lesson_id).load()
    run = Run(lesson, lesson.resolve(overrides), "cpu")
    worker = threading.Thread(target=run.execute)
    worker.start()
    deadline = time.monotonic() + 120
    while not started(run) and worker.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    stopped = time.monotonic()
    run.cancel()
    worker.join(30)
    return run.result, time.monotonic() - stopped


@pytest.fixture
def training():
    """A test that says when a run is inside its batch loop: after 50 module calls in
    training mode (a few batches into the first epoch)."""
    import torch

    calls = []
    hook = torch.nn.modules.module.register_module_forward_pre_hook(
        lambda module, args: calls.append(1) if module.training and torch.is_grad_enabled() else None
    )
    yield lambda run: len(calls) >= 50
    hook.remove()


@pytest.mark.parametrize(
    "lesson_id, overrides",
    [
        # batch loops with no run.check(); batches so small that an epoch takes many seconds,
        # so that only the runner's forward pre-hook can end the run within a second
        ("mnist-first-look", {"batch_size": 8}),
        ("your-own-digit", {"reuse": False}),
        ("rnn", {"batch_size": 1}),
        ("seq2seq", {"batch_size": 1}),
    ],
)
def test_stop_ends_a_batch_loop_within_a_second(lesson_id, overrides, training):
    result, seconds = stop_when(lesson_id, overrides, training)
    assert result.status == "cancelled"
    assert seconds < PROMPT


def test_stop_ends_the_tensor_ops_race_within_a_second(monkeypatch):
    racing = threading.Event()
    naive = tensor_ops.naive_matmul

    @functools.wraps(naive)
    def naive_seen(*args, **kwargs):
        racing.set()
        return naive(*args, **kwargs)

    monkeypatch.setattr(tensor_ops, "naive_matmul", naive_seen)
    # the 64×64 loops take about 5 s: Stop comes in the middle of them
    result, seconds = stop_when("tensor-ops", {"race_size": 64}, lambda run: racing.is_set())
    assert result.status == "cancelled"
    assert seconds < PROMPT
