"""decision-rule: a layer plus argmax is a classifier; typed weights scored on toy problems 1
and 2 (aiaioo ex 310–380)."""

import numpy as np
import pytest

from lessons import datasets
from tests.conftest import finished_run
from tutor.course import ParamError, catalogue
from tutor.figures import Heatmap


def run(**overrides):
    return finished_run("decision-rule", overrides)


def accuracy_by_numpy(problem, W):
    """An independent check: the same test set, scored with numpy."""
    _, _, X, y = datasets.toy_split(problem, seed=0)
    return float(np.mean((X @ np.array(W, dtype=np.float32)).argmax(axis=1) == y))


def test_ex310_demo_point():
    # [2, 3]·[[0, 6], [0, 9]] = [0, 39] → class 1 (det)
    result = run()
    assert result.metrics["point_score0"] == 0 and result.metrics["point_score1"] == 39
    assert result.metrics["point_class"] == 1
    table = result.figures["decisions"]
    assert table.rows[0] == ["your point", "[2, 3]", "[0, 39]", 1, 1, "✓"]
    assert table.highlight == [0]
    assert "your point [2, 3] scores [0, 39] → class 1" in table.summary


def test_ideal_weights_score_exactly_one_on_both_problems():
    # reference: toy 1 W = I → 1.000; toy 2 W = [[1,0],[0,1],[0,1]] → 1.000 (det)
    result = run(W_toy1="1 0; 0 1", W_toy2="1 0; 0 1; 0 1")
    assert result.metrics["accuracy_toy1"] == 1.0
    assert result.metrics["accuracy_toy2"] == 1.0
    assert result.goal_met
    assert "0 of 1000 test points are on the wrong side" in result.figures["map"].summary


@pytest.mark.parametrize(
    "W1, W2",
    [
        ("0 6; 0 9", "0 0; 0 0; 0 0"),  # the defaults: all-zero W2 ties, argmax says 0
        ("0 1; 1 0", "0 1; 1 0; 1 0"),  # columns swapped: every answer flips
        ("2 1; 1 2", "5 0; 0 5; 0 5"),  # a larger diagonal; a multiple of the ideal
        ("1 0.5; -0.2 1", "1 0; 0 1; 0 0.9"),  # close, but not quite
    ],
)
def test_accuracy_matches_an_independent_count(W1, W2):
    result = run(W_toy1=W1, W_toy2=W2)
    parse = catalogue().get("decision-rule").load().param("W_toy1").parse
    assert result.metrics["accuracy_toy1"] == pytest.approx(accuracy_by_numpy(1, parse(W1)), abs=1e-6)
    parse = catalogue().get("decision-rule").load().param("W_toy2").parse
    assert result.metrics["accuracy_toy2"] == pytest.approx(accuracy_by_numpy(2, parse(W2)), abs=1e-6)


def test_swapped_columns_get_everything_wrong_and_zeros_get_the_share_of_class_0():
    result = run(W_toy1="0 1; 1 0", W_toy2="0 0; 0 0; 0 0")
    assert result.metrics["accuracy_toy1"] == 0.0
    _, _, _, y2 = datasets.toy_split(2, seed=0)
    assert result.metrics["accuracy_toy2"] == pytest.approx(float(np.mean(y2 == 0)), abs=1e-6)
    assert result.goal_met is False


def test_toy2_table_and_document_point():
    # ex 380's point [9, 5, 5]: 9 < 5 + 5, class 1 (Politics in the story)
    result = run(problem="toy2", W_toy2="1 0; 0 1; 0 1", point="9 5 5")
    table = result.figures["decisions"]
    assert table.rows[0] == ["your point", "[9, 5, 5]", "[9, 10]", 1, 1, "✓"]
    assert len(table.rows) == 9 and all(r[5] == "✓" for r in table.rows)
    assert len(table.rows[1][1].split(",")) == 3


def test_point_with_the_wrong_number_of_features_is_skipped_with_a_reason():
    result = run(problem="toy2")  # the default point has 2 features
    table = result.figures["decisions"]
    assert table.rows[0][0] == "test 1"
    assert "your point has 2 features, toy2 needs 3" in table.summary
    assert "point_class" not in result.metrics


def test_decision_map_of_toy1():
    result = run(W_toy1="1 0; 0 1")
    heat = result.figures["map"]
    assert isinstance(heat, Heatmap) and heat.palette == "classes"
    assert heat.z[0][-1] == 0 and heat.z[-1][0] == 1  # bottom-right f1 > f2: 0; top-left: 1
    assert "f2 = 1·f1; class 1 is above it" in heat.summary
    assert {c for _, _, c in heat.points} == {0, 1}


def test_matrix_shapes_are_checked():
    lesson = catalogue().get("decision-rule").load()
    with pytest.raises(ParamError, match="it is 2×3"):
        lesson.resolve({"W_toy1": "1 0 0; 0 1 0"})
    with pytest.raises(ParamError, match="it is 2×2"):
        lesson.resolve({"W_toy2": "1 0; 0 1"})
