"""save-and-load: a state_dict saved into the tutor's data folder, its size, identical
predictions after loading, weights_only=True, and missing / damaged / whole-model files
(learnpytorch 01; reference result 69)."""

import pickle
import zipfile

import pytest
import torch

from lessons.workflow import save_and_load as lesson_module
from tests.conftest import finished_run, private_home
from tutor.course import ParamError, catalogue
from tutor.figures import Table, Text


def run(**overrides):
    return finished_run("save-and-load", overrides)


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    """784-128-10, 5 epochs, saved as mnist-mlp.pt and loaded back."""
    with private_home(tmp_path_factory) as home:
        return run(), home


def rows_by_name(table):
    return {row[0]: row[1:] for row in table.rows}


# ---------------------------------------------------------------------------- saving


def test_file_is_saved_in_the_data_folder_with_the_reported_size(default_run):
    result, home = default_run
    path = home / "data" / "models" / "mnist-mlp.pt"
    assert path.is_file()
    assert result.metrics["file_bytes"] == path.stat().st_size
    assert any(str(path) in note for note in result.notes)


def test_size_is_four_bytes_a_number_plus_bookkeeping(default_run):
    result, home = default_run
    numbers = 784 * 128 + 128 + 128 * 10 + 10
    assert result.metrics["parameters"] == numbers == 101_770
    size = result.metrics["file_bytes"]
    assert 4 * numbers < size < 4 * numbers + 5_000  # a couple of kB of bookkeeping
    mine = result.figures["size"].rows[0]
    assert mine[1:] == [numbers, 4 * numbers, size, size - 4 * numbers]
    assert f"{size:,} bytes" in result.figures["size"].summary


def test_inside_the_file_the_tensor_records_hold_exactly_the_numbers(default_run):
    result, home = default_run
    path = home / "data" / "models" / "mnist-mlp.pt"
    inside = result.figures["inside"]
    tensor_rows = [r for r in inside.rows if "/data/" in r[0]]
    assert [r[2].split(":")[0] for r in tensor_rows] == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert sum(r[1] for r in tensor_rows) == 4 * result.metrics["parameters"]
    assert sum(r[1] for r in inside.rows) == path.stat().st_size
    with zipfile.ZipFile(path) as archive:  # the records are the file's own
        assert [r[0] for r in inside.rows[:-1]] == archive.namelist()


def test_a_two_number_layer_is_almost_all_bookkeeping(default_run):
    result, _ = default_run
    rows = result.figures["size"].rows
    now, course = rows[3], rows[4]
    assert now[0] == "model_1.pth (Linear), saved now"
    assert now[1:3] == [2, 8] and 1_000 < now[3] < 3_000  # this PyTorch: about 2.1 kB
    assert course[1:4] == [2, 8, 1127]  # row 69: model_1.pth, 1127 bytes
    # and model_0: learnpytorch's own module of two nn.Parameter (row 69: 1,063 bytes)
    assert rows[1][0] == "model_0.pth (LinearRegressionModel), saved now"
    assert rows[2][1:4] == [2, 8, 1063]
    assert rows[1][3] == now[3] == 2117  # the page: 2,117 bytes each today


def test_the_course_s_model_0_is_its_seeded_two_parameter_module():
    torch.manual_seed(42)  # learnpytorch 01: 0.3367, 0.1288
    state = lesson_module.LinearRegressionModel().state_dict()
    assert list(state) == ["weights", "bias"]
    assert [round(v.item(), 4) for v in state.values()] == [0.3367, 0.1288]


def test_saved_file_is_a_state_dict_that_loads_with_weights_only(default_run):
    _, home = default_run
    state = torch.load(home / "data" / "models" / "mnist-mlp.pt", weights_only=True)
    assert list(state) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert state["0.weight"].shape == (128, 784) and state["0.weight"].dtype == torch.float32
    lesson_module.mlp(128).load_state_dict(state)


# ---------------------------------------------------------------------------- loading


def test_reloaded_model_gives_identical_predictions(default_run):
    result, _ = default_run
    m = result.metrics
    assert m["outcome"] == "loaded" and m["identical"] == "yes"
    assert m["max_abs_difference"] == 0.0
    assert 0.88 <= m["test_accuracy"] <= 0.97  # bundled digits; ~0.93
    table = result.figures["reload"]
    assert isinstance(table, Table)
    original, before, after = table.rows
    assert before[1] < 0.3 and before[3] > 0  # a new instance guesses
    assert after[1:] == [original[1], 1.0, 0.0]
    assert "identical" in table.summary
    # load_state_dict's answer, as the course printed it
    assert m["load_result"] == "<All keys matched successfully>"
    assert "load_state_dict returned <All keys matched successfully>" in result.notes


def test_weights_only_refuses_a_custom_object_with_the_real_message(tmp_path):
    path = tmp_path / "note.pt"
    torch.save(lesson_module.RunNote(epochs=1, accuracy=0.5), path)
    with pytest.raises(pickle.UnpicklingError) as caught:
        torch.load(path, weights_only=True)
    message = lesson_module.plain(caught.value)
    assert message.startswith("UnpicklingError: Weights only load failed")
    assert "Unsupported global: GLOBAL lessons.workflow.save_and_load.RunNote" in message
    assert "\x1b[" not in message


def test_safety_panel_shows_the_refusal_and_a_function_called_by_loading(default_run):
    result, _ = default_run
    text = result.figures["safety"]
    assert isinstance(text, Text)
    assert "Weights only load failed" in text.text
    assert "lessons.workflow.save_and_load.RunNote" in text.text
    assert "returned 6" in text.text  # sum([1, 2, 3]) ran while loading


@pytest.mark.parametrize("hidden", [8, 128])
def test_damaged_file_gives_a_clear_message_and_the_run_finishes(tutor_home, hidden):
    result = run(load_from="a damaged file", hidden=hidden, epochs=1)
    assert result.metrics["outcome"] == "damaged"
    assert "max_abs_difference" not in result.metrics and not result.goal_met
    folder = tutor_home / "data" / "models"
    saved, damaged = folder / "mnist-mlp.pt", folder / "mnist-mlp-damaged.pt"
    assert damaged.stat().st_size == saved.stat().st_size // 2
    text = result.figures["reload"]
    assert isinstance(text, Text) and text.style == "error"
    assert "mnist-mlp-damaged.pt" in text.text
    assert "not a complete PyTorch file" in text.text
    if hidden == 128:  # a big file cut in half: the zip reader misses its directory
        assert "RuntimeError: PytorchStreamReader failed reading zip archive" in text.text
    else:  # a small one: the reader cannot even seek to where the directory was
        assert "OSError" in text.text


def test_missing_file_gives_a_clear_message_and_the_run_finishes(tutor_home):
    result = run(load_from="a missing file", hidden=8, epochs=1)
    assert result.metrics["outcome"] == "missing"
    assert "outcome is 'missing'" in result.goal_reason
    text = result.figures["reload"]
    assert "FileNotFoundError: [Errno 2] No such file or directory" in text.text
    assert "never-saved-mnist-mlp.pt" in text.text
    assert "There is no file at that path" in text.text
    assert not (tutor_home / "data" / "models" / "never-saved-mnist-mlp.pt").exists()


def test_mistake_whole_model_is_refused_by_weights_only(tutor_home):
    result = run(whole_model=True, hidden=8, epochs=1)
    assert result.metrics["outcome"] == "refused"
    text = result.figures["reload"].text
    assert "Unsupported global: GLOBAL torch.nn.modules.container.Sequential" in text
    assert "Save model.state_dict() instead" in text
    whole = (tutor_home / "data" / "models" / "mnist-mlp.pt").stat().st_size
    good = run(hidden=8, epochs=1)  # same network, its state_dict
    assert good.metrics["outcome"] == "loaded"
    assert whole > good.metrics["file_bytes"] + 500  # the pickle carries the classes


# ---------------------------------------------------------------------------- the file name


def test_file_name_must_be_a_plain_safe_name():
    lesson = catalogue().get("save-and-load").load()
    for bad in [
        "../escape.pt",
        "a/b.pt",
        "a\\b.pt",
        "model.txt",
        ".hidden.pt",
        "bad name.pt",
        "x..pt",
        "",
        "/tmp/x.pt",
    ]:
        with pytest.raises(ParamError, match="file_name"):
            lesson.resolve({"file_name": bad})
    for good in ["my_model-2.pth", "a.pt", "mnist.v2.pt"]:
        assert lesson.resolve({"file_name": good})["file_name"] == good


def test_chosen_file_name_is_used_and_nothing_leaves_the_tutor_home(tutor_home):
    result = run(file_name="tiny.pth", hidden=4, epochs=1)
    path = tutor_home / "data" / "models" / "tiny.pth"
    assert path.stat().st_size == result.metrics["file_bytes"]
    assert result.figures["inside"].rows[0][0] == "tiny/data.pkl"  # the name is in every record
