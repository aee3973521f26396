"""validation: diabetes 353/89 split, random-forest baseline, over-fitting, keeping the best
epoch (parrt notebook 3; reference results 18, 19, 23, 24)."""

import inspect
from pathlib import Path

import numpy as np
import pytest

from lessons.generalisation import diabetes
from tests.conftest import finished_run, run_lesson


@pytest.fixture(scope="module")
def default_run():
    return finished_run("validation")


def test_split_is_353_training_and_89_validation_rows():
    X_train, X_val, y_train, y_val = diabetes.split()
    assert X_train.shape == (353, 10) and X_val.shape == (89, 10)
    assert y_train.shape == (353,) and y_val.shape == (89,)
    data = diabetes.load()
    assert tuple(data.x_train.shape) == (353, 10) and tuple(data.y_val.shape) == (89, 1)


def test_standardising_uses_training_rows_only():
    X_train, X_val, _, _ = diabetes.split()
    train_std, val_std = diabetes.standardise(X_train, X_val)
    assert np.allclose(train_std.mean(axis=0), 0, atol=1e-12)
    assert np.allclose(train_std.std(axis=0), 1)
    assert np.abs(val_std.mean(axis=0)).max() > 0.05  # validation rows are not re-centred
    _, val_shifted = diabetes.standardise(X_train, X_val + 1.0)
    assert np.allclose(val_shifted - val_std, 1.0 / X_train.std(axis=0))  # their own stats unused


def test_random_forest_baseline():
    train_mse, val_mse = diabetes.random_forest(500, seed=0)
    assert 3000 < val_mse < 4500  # course: 3,745.30
    assert train_mse < val_mse / 4  # course: 443.77, memorised


def test_default_run_over_fits(default_run):
    m = default_run.metrics
    assert 2600 < m["best_val_mse"] < 3600  # course: 3,085.8 at epoch 117
    assert 30 <= m["best_epoch"] <= 400
    assert m["final_train_mse"] < 500  # from ~29,500: towards 0
    assert m["final_val_mse"] > 1.5 * m["best_val_mse"]  # course: 11,644 at epoch 8000
    assert m["epochs_run"] == 4000
    assert m["kept_val_mse"] == m["final_val_mse"]  # keep: last
    assert not default_run.goal_met


def test_default_run_figures(default_run):
    m = default_run.metrics
    early = default_run.figures["early"]
    assert early.vlines == [(m["best_epoch"], "best")]
    forest = early.series[-1]
    assert forest.y == [m["forest_val_mse"]] * 2
    table = default_run.figures["compare"]
    assert [row[2] for row in table.rows] == pytest.approx(
        [m["forest_val_mse"], m["best_val_mse"], m["final_val_mse"]], rel=1e-4
    )
    assert table.highlight == [2]
    curves = default_run.curves
    assert len(curves["val_mse"]) > 100 and len(curves["train_mse"]) == len(curves["val_mse"])


def test_keeping_the_best_epoch_beats_the_forest(default_run):
    best = run_lesson("validation", {"keep": "best", "patience": 100})
    m = best.metrics
    assert m["best_val_mse"] == pytest.approx(default_run.metrics["best_val_mse"], rel=1e-5)
    assert m["best_epoch"] == default_run.metrics["best_epoch"]
    assert m["kept_val_mse"] == pytest.approx(m["best_val_mse"], rel=1e-5)  # the copy was kept
    assert m["epochs_run"] == m["best_epoch"] + 101  # early stop
    assert best.goal_met and m["beats_forest_by"] > 0


def test_over_fitting_holds_for_another_seed():
    m = run_lesson("validation", {"seed": 3, "trees": 50}).metrics
    assert m["best_val_mse"] < 3600
    assert m["final_val_mse"] > 1.5 * m["best_val_mse"]


def test_code_quoted_on_the_pages_is_the_code_that_runs():
    source = inspect.getsource(diabetes)
    pages = Path(diabetes.__file__).with_name("validation.md").read_text()
    quoted = [line.strip() for line in pages.splitlines() if line.startswith("    ") and "self." in line]
    assert len(quoted) >= 4
    for line in quoted:
        assert line in source, line


def test_r_squared_of_the_forest_and_the_best_network(default_run):
    # the page, and the course: forest 0.927 / 0.297, best network 0.581 / 0.421
    m = default_run.metrics
    assert (round(m["forest_train_r2"], 2), round(m["forest_val_r2"], 2)) == (0.93, 0.29)
    assert (round(m["best_train_r2"], 2), round(m["best_val_r2"], 2)) == (0.58, 0.42)
    table = default_run.figures["compare"]
    assert table.columns[3:] == ["training R²", "validation R²"]
    y_val = diabetes.load().y_val
    assert table.rows[0][4] == pytest.approx(1 - m["forest_val_mse"] / y_val.var(unbiased=False).item())
