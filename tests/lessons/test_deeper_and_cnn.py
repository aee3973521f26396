"""deeper-and-cnn: parameter counts, convolution and pooling shapes, and LeNet-5 against the
MLPs (aiaioo ex 830–890, learnpytorch 03; reference rows 61, 62, 80)."""

import pytest

from lessons.images.deeper_and_cnn import count_parameters, make_model
from tests.conftest import finished_run, run_lesson


def test_parameter_counts_on_32x32_input():
    # reference row 62 (det)
    counts = {name: count_parameters(make_model(name)) for name in ("softmax", "mlp128", "deep7", "lenet5")}
    assert counts == {"softmax": 10250, "mlp128": 132490, "deep7": 1159082, "lenet5": 61706}
    result = run_lesson("deeper-and-cnn", {"model": "softmax", "epochs": 1, "train_size": 200})
    assert [result.metrics[f"{k}_parameters"] for k in counts] == list(counts.values())
    assert result.figures["parameters"].values == list(counts.values())


def shapes(overrides=None):
    result = run_lesson(
        "deeper-and-cnn", {"model": "softmax", "epochs": 1, "train_size": 200, **(overrides or {})}
    )
    table = result.figures["shapes"]
    assert table.reveal
    return {row[0]: row for row in table.rows}


def test_convolution_and_pooling_shapes():
    # reference row 80 (det): 3×3 no pad 64 → 62; 5×5 stride 2 64 → 30; MaxPool2 62 → 31
    rows = shapes()
    assert rows["Conv2d(3, 10, 3)"][2] == [1, 10, 62, 62]
    assert rows["Conv2d(3, 10, 5, stride=2)"][2] == [1, 10, 30, 30]
    assert rows["Conv2d(3, 10, 5, stride=2)"][3] == 760  # weight [10, 3, 5, 5] + 10 biases
    assert rows["MaxPool2d(2)"][2] == [1, 10, 31, 31]
    lenet = [row for name, row in rows.items() if name.startswith("LeNet-5")]
    assert [row[2] for row in lenet] == [
        [1, 6, 28, 28],
        [1, 6, 14, 14],
        [1, 16, 10, 10],
        [1, 16, 5, 5],
        [1, 120, 1, 1],
        [1, 120],
        [1, 84],
        [1, 10],
    ]
    assert sum(row[3] for row in lenet) == 61706


@pytest.mark.parametrize(
    "kernel, stride, padding, size", [(3, 1, 1, 64), (5, 2, 0, 30), (11, 4, 2, 15), (1, 3, 0, 22)]
)
def test_your_convolution_row_follows_the_size_rule(kernel, stride, padding, size):
    rows = shapes({"kernel": kernel, "stride": stride, "padding": padding})
    mine = next(row for name, row in rows.items() if name.startswith("yours"))
    assert mine[2] == [1, 10, size, size]
    assert mine[4].endswith(f"= {size}")


def test_the_cnn_beats_the_mlps():
    # course (60,000 digits, 4 epochs): 0.9231 / 0.9727 / 0.9725 / 0.9861; here 4,000 digits, 6 epochs
    for seed in (0, 1):
        result = finished_run("deeper-and-cnn", {"seed": seed})
        m = result.metrics
        assert m["best_model"] == "lenet5"
        assert m["lenet5_accuracy"] >= 0.94
        assert m["lenet5_accuracy"] >= max(m["mlp128_accuracy"], m["deep7_accuracy"]) + 0.01
        assert 0.85 <= m["softmax_accuracy"] < m["mlp128_accuracy"]
        assert abs(m["deep7_accuracy"] - m["mlp128_accuracy"]) < 0.03  # depth alone gains little
        # the page: about 0.90, 0.91–0.93 for both MLPs, about 0.96
        assert 0.88 <= m["softmax_accuracy"] <= 0.92
        assert all(0.905 <= m[f"{mlp}_accuracy"] < 0.935 for mlp in ("mlp128", "deep7"))
        assert 0.95 <= m["lenet5_accuracy"] <= 0.97
        table = result.figures["results"]
        assert [r[0] for r in table.rows] == [
            "softmax regression",
            "MLP 1024-128-10",
            "7-layer MLP",
            "LeNet-5 (a CNN)",
        ]
        assert [r[4] for r in table.rows] == [0.9231, 0.9727, 0.9725, 0.9861]
        assert table.highlight == [3]
        assert len(result.curves["lenet5_accuracy"]) == 6
        assert result.goal_met is (m["test_accuracy"] >= 0.97)
