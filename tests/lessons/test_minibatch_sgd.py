"""minibatch-sgd: the batch-size sweep and shuffling with a permutation (parrt notebook 8;
reference rows 37–39)."""

import pytest

from lessons.images.minibatch_sgd import parse_batch_sizes
from tests.conftest import run_lesson
from tutor.course import ParamError, catalogue


@pytest.fixture(scope="module")
def sweeps():
    return [run_lesson("minibatch-sgd", {"seed": seed}) for seed in (0, 1)]


def test_smaller_batches_generalise_better_but_take_longer_per_epoch(sweeps):
    # course (8,000 images, 50 epochs): 0.966 / 0.961 / 0.955 / 0.953 for 8 / 64 / 128 / 256
    for result in sweeps:
        assert result.status == "finished", result.error or result.message
        m = result.metrics
        accs = [m[f"val_accuracy_{size}"] for size in (8, 64, 128, 256)]
        assert all(0.85 <= a <= 0.97 for a in accs)
        assert m["val_accuracy_8"] > m["val_accuracy_256"]
        assert m["best_batch_size"] in (8, 64)
        assert m["seconds_per_epoch_8"] > m["seconds_per_epoch_256"]
        assert m["rows_never_seen"] == 0


def test_one_small_plot_and_one_table_row_per_size(sweeps):
    result = sweeps[0]
    runs = result.figures["runs"]
    assert [p.title.split(":")[0] for p in runs.plots] == ["batch 8", "batch 64", "batch 128", "batch 256"]
    assert all(len(p.series[1].x) == 10 for p in runs.plots)  # validation loss per epoch
    table = result.figures["results"]
    assert [r[0] for r in table.rows] == [8, 64, 128, 256]
    assert [r[1] for r in table.rows] == [500, 63, 32, 16]  # updates per epoch, 4,000 images
    assert [r[6] for r in table.rows] == [0.966, 0.961, 0.955, 0.953]
    assert [r[5] for r in table.rows] == [
        round(result.metrics[f"val_accuracy_{s}"], 3) for s in (8, 64, 128, 256)
    ]
    assert "8 → " in runs.summary and "best validation accuracy" in table.summary


def test_small_batches_make_noisier_batch_losses(sweeps):
    def jitter(plot):  # mean jump between neighbouring points, relative to the level
        ys = plot.series[0].y[len(plot.series[0].y) // 2 :]
        return sum(abs(a - b) for a, b in zip(ys, ys[1:])) / sum(ys)

    for result in sweeps:
        plots = result.figures["runs"].plots
        assert jitter(plots[0]) > 3 * jitter(plots[-1])


def test_default_run_does_not_meet_the_goal_and_a_larger_rate_does(sweeps):
    assert sweeps[0].goal_met is False
    assert sweeps[0].metrics["largest_batch_accuracy"] < 0.92
    solved = run_lesson("minibatch-sgd", {"batch_sizes": "256", "lr": 0.005})
    assert solved.goal_met and solved.metrics["largest_batch_accuracy"] >= 0.92


def test_full_batch_is_batch_gradient_descent():
    result = run_lesson("minibatch-sgd", {"batch_sizes": "4000", "epochs": 3})
    assert result.figures["results"].rows[0][1] == 1  # one update per epoch


def test_mistake_sampling_with_replacement_skips_a_third_of_the_rows():
    result = run_lesson("minibatch-sgd", {"batch_sizes": "256", "epochs": 4, "with_replacement": True})
    assert result.status == "finished"
    never = [y for _, y in result.curves["rows_never_seen"]]
    assert len(never) == 4
    assert all(0.34 * 4000 <= v <= 0.40 * 4000 for v in never)  # (1 − 1/n)^n ≈ 0.368
    right = run_lesson("minibatch-sgd", {"batch_sizes": "256", "epochs": 2})
    assert [y for _, y in right.curves["rows_never_seen"]] == [0, 0]


def test_batch_sizes_are_checked_before_a_run():
    assert parse_batch_sizes("8, 64,128 256") == [8, 64, 128, 256]
    for bad in ("", "8,x", "0", "8,8", "1,2,3,4,5,6,7", "70000", "-4"):
        with pytest.raises(ValueError):
            parse_batch_sizes(bad)
    lesson = catalogue().get("minibatch-sgd").load()
    with pytest.raises(ParamError, match="batch sizes"):
        lesson.resolve({"batch_sizes": "eight"})
