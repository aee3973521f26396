"""dataloaders: the same training by index slicing and with a DataLoader (parrt notebook 9,
learnpytorch 04; reference row 40)."""

import numpy as np
import pytest
import torch

from lessons.images.dataloaders import DigitImages
from tests.conftest import finished_run, run_lesson


def curve(result, name):
    return [y for _, y in result.curves[name]]


@pytest.fixture(scope="module")
def default():
    return run_lesson("dataloaders")


def test_without_shuffling_both_loops_are_identical():
    for dataset in ("tensors", "custom"):
        result = finished_run("dataloaders", {"shuffle": False, "epochs": 3, "dataset": dataset})
        assert curve(result, "slicing_train_loss") == curve(result, "loader_train_loss")
        assert curve(result, "slicing_val_accuracy") == curve(result, "loader_val_accuracy")
        assert result.metrics["largest_loss_gap"] == 0
        assert "identical" in result.figures["compare"].summary


def test_with_shuffling_the_loops_are_near_same(default):
    m = default.metrics
    assert default.status == "finished"
    assert 0 < m["largest_loss_gap"] < 0.05
    a, b = curve(default, "slicing_train_loss"), curve(default, "loader_train_loss")
    assert len(a) == len(b) == 8 and a[-1] < a[0] / 2 and b[-1] < b[0] / 2
    assert abs(m["slicing_val_accuracy"] - m["loader_val_accuracy"]) <= 0.02
    # course (8,000 images, 100 epochs): validation 0.961; here 4,000 images and 8 epochs
    assert 0.88 <= m["loader_val_accuracy"] <= 0.95


def test_custom_dataset_gives_the_same_batches_as_tensor_dataset(default):
    custom = run_lesson("dataloaders", {"dataset": "custom"})
    assert curve(custom, "loader_train_loss") == curve(default, "loader_train_loss")


def test_table_shows_both_loops(default):
    table = default.figures["compare"]
    assert [r[0] for r in table.rows] == ["index slicing", "DataLoader"]
    assert [r[1] for r in table.rows] == [63, 63]  # 4,000 digits in batches of 64
    assert all(r[2] > 0 for r in table.rows)
    assert "held-out digits" in table.columns[4]


def test_digit_images_dataset():
    images = np.arange(3 * 28 * 28, dtype=np.int64).reshape(3, 28, 28) % 256
    ds = DigitImages(images.astype(np.uint8), np.array([7, 1, 4]))
    assert len(ds) == 3
    x, y = ds[1]
    assert x.shape == (784,) and x.dtype == torch.float32 and 0 <= x.min() and x.max() <= 1
    assert int(y) == 1 and torch.equal(x, torch.tensor(images[1].ravel() / 255, dtype=torch.float32))


def test_mistake_validating_on_training_data_inflates_the_accuracy():
    result = run_lesson("dataloaders", {"validate_on_training_data": True, "epochs": 15})
    m = result.metrics
    assert result.status == "finished"
    assert m["loader_val_accuracy"] > m["loader_held_out_accuracy"] + 0.02
    assert m["slicing_val_accuracy"] > m["slicing_held_out_accuracy"] + 0.02
    assert any("'validation' used the training digits" in n for n in result.notes)
    assert "training digits: the mistake" in result.figures["compare"].columns[4]
    assert result.goal_met is False


def test_goal_needs_the_custom_dataset(default):
    assert default.goal_met is False
    result = run_lesson("dataloaders", {"hidden": 128, "epochs": 12, "lr": 0.002})
    assert result.goal_met is False and "dataset" in result.goal_reason
