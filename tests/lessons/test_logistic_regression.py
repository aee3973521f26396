"""logistic-regression: wine classes 0/1 from proline and alcohol (parrt nb5; learnpytorch 02)."""

import numpy as np
import pytest

from lessons import datasets
from lessons.classification.logistic_regression import boundary_bend, split_rows, stability_table
from tests.conftest import finished_run
from tutor import rendering
from tutor.figures import Heatmap, Multiples


def run(**overrides):
    return finished_run("logistic-regression", overrides)


def test_wine_classes_0_and_1():
    # det: 130 rows = 59 + 71 (sklearn load_wine; parrt nb5)
    X, y = datasets.wine("proline", "alcohol")
    assert X.shape == (130, 2)
    assert (np.sum(y == 0), np.sum(y == 1)) == (59, 71)
    assert 278 <= X[:, 0].min() and X[:, 0].max() <= 1680


def test_default_reaches_the_course_training_accuracy():
    # course: 96.15 % training accuracy (125/130), BCE 0.0761
    result = run()
    m = result.metrics
    assert m["train_accuracy"] >= 0.95
    assert 0.06 < m["train_loss"] < 0.095
    assert "test_accuracy" not in m  # test_fraction 0: trained on all rows
    assert "130 to train on, 0 held out" in result.notes[0]


def test_course_recipe_lr_0001_for_10000_epochs():
    # course: Adam lr 0.001, 10,000 epochs -> BCE 0.0761, train accuracy 96.15 %
    m = run(lr=0.001, epochs=10000).metrics
    assert m["train_loss"] == pytest.approx(0.0761, abs=0.003)
    assert m["train_accuracy"] == pytest.approx(0.9615, abs=0.016)


def test_boundary_map_is_a_straight_line_without_hidden_units():
    result = run()
    heat = result.figures["boundary"]
    assert heat.palette == "classes" and (heat.vmin, heat.vmax) == (0.0, 1.0)
    assert len(heat.points) == 130 and {c for _, _, c in heat.points} == {0, 1}
    X, _ = datasets.wine("proline", "alcohol")
    assert heat.xs[0] < X[:, 0].min() and heat.xs[-1] > X[:, 0].max()
    assert heat.ys[0] < X[:, 1].min() and heat.ys[-1] > X[:, 1].max()
    z = np.array(heat.z)
    assert z.min() < 0.05 and z.max() > 0.95
    assert result.metrics["boundary_bend"] < 0.01
    assert "straight line" in heat.summary and "125/130" in heat.summary


@pytest.mark.parametrize("hidden", [3, 10])
def test_hidden_sigmoid_units_bend_the_boundary(hidden):
    m = run(hidden=hidden, activation="sigmoid").metrics
    assert m["boundary_bend"] > 0.02
    assert m["train_accuracy"] >= 0.96


def test_boundary_bend_measures_lines_and_curves():
    ys, xs = np.mgrid[0:40, 0:80] / np.array([39, 79])[:, None, None]
    assert boundary_bend((0.3 * xs + ys > 0.7).astype(float)) < 0.01
    circle = ((xs - 0.5) ** 2 + (ys - 0.5) ** 2 < 0.1).astype(float)
    assert boundary_bend(circle) > 0.1
    assert boundary_bend(np.ones((40, 80))) is None


def test_pipeline_table_lists_the_wrong_wines_first():
    table = run().figures["pipeline"]
    wrong = [row for row in table.rows if row[4] != row[5]]
    assert len(wrong) == 5 and table.highlight == [0, 1, 2, 3, 4]
    for proline, alcohol, logit, prob, predicted, label, _ in table.rows:
        assert prob == pytest.approx(1 / (1 + np.exp(-logit)), abs=2e-3)
        assert predicted == int(logit > 0)


def test_why_logits_table():
    # det: a class-0 example scored both ways in float32
    table = stability_table()
    by_z = {row[0]: row for row in table.rows}
    assert by_z[1.0][2] == pytest.approx(1.3132617, abs=1e-6) == pytest.approx(by_z[1.0][4], abs=1e-5)
    assert by_z[17.0][1] == 1.0  # sigmoid(17) rounds to exactly 1
    assert by_z[17.0][2:4] == pytest.approx([17.0, 1.0])  # BCEWithLogits: true loss, gradient 1
    assert by_z[17.0][4:6] == [100.0, 0.0]  # BCELoss: capped loss, no gradient
    assert by_z[120.0][2] == pytest.approx(120.0) and by_z[120.0][4] == 100.0


def test_mistake_sigmoid_then_bce_sticks_on_raw_features():
    broken = run(standardize=False, sigmoid_then_bce=True)
    m = broken.metrics
    assert m["saturated"] == 130 and m["train_accuracy"] < 0.6
    tail = [v for _, v in broken.curves["train_loss"][-100:]]
    assert max(tail) == min(tail)  # the gradient is 0: nothing moves
    assert any("gradient is 0" in note for note in broken.notes)
    assert "one class" in broken.figures["boundary"].summary
    # the same raw features still train through the stable loss
    assert run(standardize=False).metrics["train_accuracy"] >= 0.88
    # with standardised features both losses agree (which is why the course got away with it)
    assert run(sigmoid_then_bce=True).metrics["train_accuracy"] == run().metrics["train_accuracy"]


def test_split_is_seeded_and_disjoint():
    train, test = split_rows(130, 0.3, seed=4)
    assert (len(train), len(test)) == (91, 39)
    assert not set(train) & set(test) and len(set(train) | set(test)) == 130
    again, _ = split_rows(130, 0.3, seed=4)
    assert list(again) == list(train)
    assert len(split_rows(130, 0.0, seed=0)[1]) == 0


def test_held_out_wines_are_scored():
    result = run(test_fraction=0.3)
    m = result.metrics
    assert m["test_accuracy"] >= 0.92 and m["train_accuracy"] >= 0.92
    assert "91 to train on, 39 held out" in result.notes[0]
    assert len(result.curves["test_accuracy"]) == 300  # logged every step (downsampled)
    assert not result.goal_met and "line_test_accuracy" not in m  # no hidden layer: no comparison


@pytest.mark.parametrize(
    "overrides",
    [
        {"test_fraction": 0.3, "hidden": 3},  # the old shortcuts: any model
        {"test_fraction": 0.3, "hidden": 3, "activation": "relu"},  # that scores 94% on held-out wines
        {"test_fraction": 0.0, "hidden": 10},  # nothing held out
        {"test_fraction": 0.1, "hidden": 30},
    ],
)
def test_goal_shortcuts_do_not_meet_it(overrides):
    assert run(**overrides).goal_met is False


def test_the_curve_flatters_itself_on_several_seeds():
    # the page: with hidden 10 the curve gets (nearly) every training wine, several more than
    # the line trained on the same split, yet does no better on the held-out wines
    for seed in range(4):
        result = run(test_fraction=0.3, hidden=10, seed=seed)
        m = result.metrics
        assert m["train_gain"] >= 0.02 and m["test_gain"] <= 0 and result.goal_met, seed
        table = result.figures["versus"]
        assert table.rows[0][1:] == [m["line_train_accuracy"], m["line_test_accuracy"]]
    assert table.rows[2][1:] == [m["train_gain"], m["test_gain"]]
    first = run(test_fraction=0.3, hidden=10).figures["versus"].summary
    assert first == "the curve gains +5 of 91 training wines and -1 of 39 held-out wines over the line"


def test_the_course_s_two_hidden_relu_layers_get_every_wine():
    # parrt nb5's exercise, on the page: 2 hidden ReLU layers of 10, lr 0.001, 5000 epochs
    result = run(hidden=10, layers=2, activation="relu", lr=0.001, epochs=5000)
    assert result.metrics["train_correct"] == 130
    assert "the p = 0.5 boundary curves" in result.figures["boundary"].summary


def test_training_and_held_out_wines_get_a_map_each_side_by_side():
    result = run(test_fraction=0.3, epochs=300)
    both = result.figures["boundary"]
    assert isinstance(both, Multiples) and both.maps and "held-out" not in result.figures
    train_map, test_map = both.plots
    assert (len(train_map.points), len(test_map.points)) == (91, 39)
    assert train_map.z == test_map.z  # the same model, the same map
    assert (train_map.title, test_map.title) == ("the 91 training wines", "the 39 held-out wines")
    assert train_map.summary.startswith(f"training accuracy {result.metrics['train_correct']}/91")
    right = round(39 * result.metrics["test_accuracy"])
    assert test_map.summary.startswith(f"test accuracy {right}/39")
    assert both.summary.startswith(
        f"training accuracy {result.metrics['train_correct']}/91, "
        f"test accuracy {right}/39; the p = 0.5 boundary"
    )
    drawn = rendering.render(both, 100, 30).plain
    assert "the 91 training wines" in drawn and "the 39 held-out wines" in drawn
    first_row = next(line for line in drawn.splitlines() if "training wines" in line)
    assert "held-out wines" in first_row  # side by side at 100 columns
    alone = run(epochs=30).figures["boundary"]  # nothing held out: one map
    assert isinstance(alone, Heatmap) and len(alone.points) == 130
