"""softmax-classifier: k-class softmax, a random-forest baseline, 50 vs 300 hidden units, the
confusion matrix and the double-softmax mistake (parrt nb6; reference rows 31-35, known bug 2)."""

import math

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from lessons.images import softmax_classifier as lesson_module
from tests.conftest import finished_run, private_home
from tutor.course import catalogue
from tutor.figures import Heatmap, Images, Table
from tutor.runner import Run

FLOOR = -1 + math.log(math.e + 9)  # 1.46115...


def run(**overrides):
    return finished_run("softmax-classifier", overrides)


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    """50 hidden units, Adam 0.03, 100 full-batch steps, a 100-tree forest, bundled digits."""
    with private_home(tmp_path_factory):
        return run()


# ---------------------------------------------------------------------------- the loss floor


def test_a_perfect_softmax_output_fed_to_cross_entropy_gives_the_floor():
    # row 35 (det): one-hot probabilities go through softmax again inside cross_entropy
    assert F.cross_entropy(torch.eye(10), torch.arange(10)).item() == pytest.approx(FLOOR, abs=1e-6)
    assert round(FLOOR, 4) == 1.4612
    assert lesson_module.loss_floor() == pytest.approx(FLOOR, abs=1e-6)
    # the same through a model that ends in nn.Softmax and is as sure as it can be
    confident = nn.Softmax(dim=1)(1000 * torch.eye(10))
    assert F.cross_entropy(confident, torch.arange(10)).item() == pytest.approx(FLOOR, abs=1e-6)
    # and no output of a softmax can do better
    probs = torch.softmax(torch.randn(500, 10) * 20, dim=1)
    labels = torch.randint(0, 10, (500,))
    losses = F.cross_entropy(probs, labels, reduction="none")
    assert losses.min().item() >= FLOOR - 1e-6


def test_mistake_switch_double_softmax_keeps_the_loss_above_the_floor(default_run):
    wrong = run(double_softmax=True, trees=0)
    losses = [y for _, y in wrong.curves["train_loss"]]
    assert min(losses) > FLOOR
    assert wrong.metrics["train_loss"] > FLOOR
    assert any("cannot go below 1.461" in n for n in wrong.notes)
    right = default_run.metrics["train_loss"]
    assert right < FLOOR and right < 0.1


# ---------------------------------------------------------------------------- reference figures


def test_parameter_counts_of_the_two_networks():
    # 784·50 + 50 + 50·10 + 10 and 784·300 + 300 + 300·10 + 10 (det)
    def count(hidden):
        return sum(t.numel() for t in lesson_module.make_model(hidden, False).parameters())

    assert (count(50), count(300)) == (39_760, 238_510)


def test_forest_and_network_ballpark(default_run):
    # rows 32-33 (run): the course's forest 0.9725 and 784-50-10 0.971 / 0.959 on 8,000 digits;
    # on the 4,000 bundled digits both land near 0.93-0.94
    m = default_run.metrics
    assert m["train_digits"] == 4000 and m["parameters"] == 39_760
    assert 0.90 <= m["forest_test_accuracy"] <= 0.97
    assert 0.90 <= m["test_accuracy"] <= 0.97
    assert m["train_accuracy"] >= 0.99  # it learns its training digits
    assert m["margin_over_forest"] == pytest.approx(m["test_accuracy"] - m["forest_test_accuracy"])
    table = default_run.figures["compare"]
    assert isinstance(table, Table) and table.rows[0][0].startswith("random forest, 100 trees")
    assert table.rows[0][2] == 1.0  # a forest memorises its training digits
    assert table.rows[1][0] == "network, 50 hidden" and table.highlight == [1]
    assert table.rows[1][3] == m["test_accuracy"] and table.rows[1][4] == 0.971


def test_confusion_matrix(default_run):
    heat = default_run.figures["confusion"]
    assert isinstance(heat, Heatmap)
    assert heat.row_labels == [str(d) for d in range(10)]
    assert heat.col_labels == [str(d) for d in range(10)]
    for row in heat.z:
        assert sum(row) == pytest.approx(1.0)
    # the bundled test set holds 100 of each digit, so the diagonal's mean is the accuracy
    diagonal = sum(heat.z[d][d] for d in range(10)) / 10
    assert diagonal == pytest.approx(default_run.metrics["test_accuracy"], abs=1e-6)
    assert heat.summary.startswith("most common mistakes: ")


def test_confusion_counts_by_hand():
    labels = torch.tensor([0, 0, 1, 2, 2, 2])
    predicted = torch.tensor([0, 1, 1, 2, 0, 2])
    counts = lesson_module.confusion_matrix(labels, predicted)
    assert counts[0, 0] == 1 and counts[0, 1] == 1 and counts[1, 1] == 1
    assert counts[2, 2] == 2 and counts[2, 0] == 1 and counts.sum() == 6
    assert "0→1 (1×)" in lesson_module.confusion_heatmap(counts).summary


def test_misclassified_digits_to_browse(default_run):
    grid = default_run.figures["mistakes"]
    assert isinstance(grid, Images)
    wrong = round((1 - default_run.metrics["test_accuracy"]) * 1000)
    assert len(grid.images) == len(grid.captions) == min(60, wrong)
    assert f"{wrong} of 1,000 test digits misclassified" in grid.summary
    for caption in grid.captions:
        pair, mark, confidence = caption.split()
        truth, predicted = pair.split("→")
        assert truth != predicted and mark == "✗" and confidence.endswith("%")


# ---------------------------------------------------------------------------- 50 vs 300, the goal


def test_comparison_table_keeps_the_latest_run_of_each_network():
    lesson = catalogue().get("softmax-classifier").load()
    history = [
        {
            "params": {"hidden": 300, "double_softmax": False},
            "metrics": {"test_accuracy": 0.95, "train_accuracy": 1.0, "train_digits": 4000},
            "status": "finished",
        },
        {
            "params": {"hidden": 50, "double_softmax": True},
            "metrics": {"test_accuracy": 0.90, "train_accuracy": 0.97, "train_digits": 4000},
            "status": "finished",
        },
        {
            "params": {"hidden": 300, "double_softmax": False},
            "metrics": {"test_accuracy": 0.96, "train_accuracy": 1.0, "train_digits": 4000},
            "status": "finished",
        },  # later run wins
        {
            "params": {"hidden": 20, "double_softmax": False},
            "metrics": {"train_loss": 2.0},
            "status": "cancelled",
        },  # ignored
    ]
    params = lesson.resolve({"hidden": 20, "epochs": 5, "trees": 5, "train_size": 500})
    result = Run(lesson, params, "cpu", history=history).execute()
    table = result.figures["compare"]
    names = [r[0] for r in table.rows]
    assert names == [
        "random forest, 5 trees",
        "network, 20 hidden",
        "network, 50 hidden, double softmax",
        "network, 300 hidden",
    ]
    assert table.rows[3][3] == 0.96 and table.rows[3][4] == 0.971
    assert table.rows[1][1] == 500 and table.highlight == [1]


def test_goal_needs_a_real_forest():
    # a 5-tree forest is easy to beat, but the goal asks for at least 100 trees
    result = run(trees=5)
    assert result.metrics["margin_over_forest"] > 0
    assert result.goal_met is False and "trees >= 100" in result.goal_reason


@pytest.mark.slow
def test_300_hidden_units_beat_the_forest_on_another_split():
    # the reference solution on seed 1 (seed 0 is checked by the contract test)
    result = run(hidden=300, lr=0.02, seed=1)
    assert result.goal_met, result.goal_reason


def test_the_forest_s_confusion_matrix_beside_the_network_s(default_run):
    net, forest = default_run.figures["confusion"], default_run.figures["forest-confusion"]
    assert "the random forest" in forest.title and "the network" in net.title
    diagonal = sum(forest.z[d][d] for d in range(10)) / 10  # 100 test digits of each
    assert diagonal == pytest.approx(default_run.metrics["forest_test_accuracy"], abs=1e-6)
    # the page: shared mistakes 5→3 and 3→9; hardest digit 5 for the network, 3 for the forest
    for heat in (net, forest):
        assert "5→3" in heat.summary and "3→9" in heat.summary
    assert "hardest digit 5" in net.summary and "hardest digit 3" in forest.summary
