"""Saved models: a damaged file is kept aside and the model trained again; saving is atomic
and never writes through a link."""

import os
import types

import pytest
import torch

from tests.conftest import finished_run
from tutor import locations, model_cache


def fake_run():
    notes = []
    return types.SimpleNamespace(device="cpu", note=notes.append, notes=notes)


def test_saving_is_atomic_and_loading_reads_it_back(tutor_home):
    path = locations.models_dir() / "m.pt"
    with model_cache.saving(path) as part:
        torch.save({"w": torch.ones(3)}, part)
    assert sorted(os.listdir(path.parent)) == ["m.pt"]
    assert torch.equal(model_cache.load(path, fake_run())["w"], torch.ones(3))
    with pytest.raises(RuntimeError):
        with model_cache.saving(path) as part:
            part.write_bytes(b"half")
            raise RuntimeError("interrupted")
    assert sorted(os.listdir(path.parent)) == ["m.pt"]  # the old file stays whole
    assert model_cache.load(path, fake_run()) is not None


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong keys"])
def test_a_damaged_file_is_kept_aside_and_reported(tutor_home, damage):
    path = locations.models_dir() / "m.pt"
    with model_cache.saving(path) as part:
        torch.save({"w": torch.ones(3)}, part)
    data = path.read_bytes()
    path.write_bytes(
        data[: len(data) // 2] if damage == "truncate" else b"not a model" if damage == "garbage" else data
    )
    run = fake_run()
    assert model_cache.load(path, run, lambda saved: saved["model"]) is None
    assert not path.exists() and len(list(path.parent.glob("m.pt.damaged-*"))) == 1
    assert "m.pt could not be used" in run.notes[0] and "trained again" in run.notes[0]
    assert model_cache.load(path, run) is None  # nothing there now


def test_saving_replaces_a_link_and_leaves_its_target_alone(tutor_home, tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("mine")
    path = locations.models_dir() / "m.pt"
    path.parent.mkdir(parents=True)
    path.symlink_to(target)
    with model_cache.saving(path) as part:
        torch.save({"w": torch.ones(1)}, part)
    assert target.read_text() == "mine" and not path.is_symlink()


@pytest.mark.parametrize(
    "lesson_id, overrides",
    [
        ("seq2seq", {"epochs": 1, "train_size": 300, "hidden": 16, "max_len": 4}),
        ("your-own-digit", {"epochs": 1, "hidden": 32}),
        ("transfer-learning", None),
    ],
)
def test_a_lesson_retrains_over_a_damaged_cached_model(lesson_id, overrides):
    from tutor.course import catalogue

    overrides = overrides or dict(catalogue().get(lesson_id).load().quick)
    finished_run(lesson_id, overrides)
    (saved,) = [f for f in locations.models_dir().iterdir() if f.suffix == ".pt"]
    saved.write_bytes(saved.read_bytes()[:100])  # cut short
    again = finished_run(lesson_id, overrides)
    assert any("could not be used" in note for note in again.notes), again.notes
    third = finished_run(lesson_id, overrides)  # the new file is reused
    assert not any("could not be used" in note for note in third.notes)
    assert any("reused" in note or "loaded from" in note for note in third.notes), third.notes


def test_save_and_load_never_writes_through_a_link(tmp_path):
    target = tmp_path / "not-a-model.txt"
    target.write_text("my notes")
    path = locations.models_dir() / "linked.pt"
    path.parent.mkdir(parents=True)
    path.symlink_to(target)
    finished_run("save-and-load", {"hidden": 8, "epochs": 1, "file_name": "linked.pt"})
    assert target.read_text() == "my notes" and path.is_file() and not path.is_symlink()
