"""train-a-classifier: gradient descent on a one-layer classifier, no bias, for toy problems 1
and 2 (aiaioo ex 530, 550), and the course's sampling with replacement as a mistake switch."""

import re
import statistics

import pytest
import torch

from lessons import datasets
from lessons.classification.train_a_classifier import toy2_view
from tests.conftest import finished_run
from tutor.course import catalogue
from tutor.figures import Heatmap, Plot


def run(**overrides):
    return finished_run("train-a-classifier", overrides)


@pytest.mark.parametrize("problem, course", [("toy1", 0.985), ("toy2", 0.969)])
def test_course_recipe_reaches_the_course_ballpark(problem, course):
    # ex 530 / 550: W ~ U(0, 1), lr 0.01, 101 steps of 10 rows: test accuracy 0.985 / 0.969 (run)
    accs = [run(problem=problem, seed=seed).metrics["test_accuracy"] for seed in range(5)]
    assert statistics.median(accs) >= 0.95
    assert max(accs) >= course - 0.01


def test_first_loss_is_large_on_raw_features():
    # the course's first losses: 10.548 (toy 1), 29.49 (toy 2); raw features make scores large
    first = [run(seed=s, iterations=1).curves["batch_loss"][0][1] for s in range(5)]
    assert statistics.median(first) > 3


def test_learned_weights_point_the_ideal_way():
    result = run()
    assert result.metrics["direction_cosine"] > 0.99
    table = result.figures["weights"]
    assert [r[0] for r in table.rows] == ["f1", "f2", "class 1 − class 0"]
    assert table.rows[0][3] == "[1.2251, 0.3782]"  # the course's W, for comparison
    assert table.rows[2][3] == "[-0.8469, 0.9118]"
    result = run(problem="toy2")
    assert [r[0] for r in result.figures["weights"].rows] == ["f1", "f2", "f3", "class 1 − class 0"]


def test_decision_views():
    heat = run().figures["decision"]
    assert isinstance(heat, Heatmap) and "test points are on the wrong side" in heat.summary
    result = run(problem="toy2")
    plot = result.figures["decision"]
    assert isinstance(plot, Plot)
    wrong = next(s for s in plot.series if s.name == "wrongly classified")
    assert len(wrong.x) == round(1000 * (1 - result.metrics["test_accuracy"]))
    assert plot.summary.startswith(f"{len(wrong.x)} of 1000 test points wrongly classified")
    near, everyone = map(float, re.search(r"is ([\d.]+), against ([\d.]+)", plot.summary).groups())
    assert near < everyone  # the mistakes lie near the true boundary
    _, _, X, y = (torch.tensor(a) for a in datasets.toy_split(2))
    perfect = toy2_view(torch.tensor([[1.0, 0], [0, 1], [0, 1]]), X, y)
    assert perfect.summary == "0 of 1000 test points wrongly classified"
    assert "wrongly classified" not in [s.name for s in perfect.series]


def test_logged_curves():
    result = run(iterations=30)
    assert len(result.curves["batch_loss"]) == len(result.curves["test_accuracy"]) == 30
    assert result.metrics["test_accuracy"] == result.curves["test_accuracy"][-1][1]


def test_mistake_switch_sampling_with_replacement_leaves_rows_unused():
    # 101 batches of 10 by permutation: every row once; with replacement: 1 − e⁻¹·⁰¹ ≈ 64%
    assert run().metrics["rows_used"] == 1.0
    wrong = run(with_replacement=True)
    assert 0.58 <= wrong.metrics["rows_used"] <= 0.69
    assert any("of the training rows were ever used" in n for n in wrong.notes)


def test_solution_beats_the_course_on_several_seeds():
    lesson = catalogue().get("train-a-classifier").load()
    for seed in (0, 1, 2):
        result = run(**lesson.solution, seed=seed)
        assert result.metrics["test_accuracy"] >= 0.98 and result.goal_met


def test_goal_is_for_toy2():
    result = run(problem="toy1", batch_size=100, lr=0.001, iterations=1001)
    assert result.metrics["test_accuracy"] >= 0.98 and result.goal_met is False


def test_lr_is_live():
    assert catalogue().get("train-a-classifier").load().param("lr").live


def test_the_default_seed_lands_near_the_course_on_both_problems():
    assert round(run().metrics["test_accuracy"], 3) == 0.995  # course 0.985
    assert round(run(problem="toy2").metrics["test_accuracy"], 3) == 0.972  # course 0.969


def test_toy2_final_accuracy_is_one_draw_from_a_wide_spread_and_no_seed_meets_the_goal():
    # the page: seeds 0-9 end from 0.853 to 0.992, 0.965 on average; none holds 0.93 for 20 steps
    results = [run(problem="toy2", seed=seed) for seed in range(10)]
    finals = [r.metrics["test_accuracy"] for r in results]
    assert (round(min(finals), 3), round(max(finals), 3)) == (0.853, 0.992)
    assert round(statistics.mean(finals), 3) == 0.965
    assert all(r.metrics["steady_accuracy"] < 0.93 and not r.goal_met for r in results)
    unlucky = [v for _, v in results[0].curves["test_accuracy"]]
    assert round(unlucky[-2], 3) == 0.989 and round(unlucky[-1], 3) == 0.853


def test_goal_needs_the_course_s_101_steps_at_least():
    calm = {"problem": "toy2", "batch_size": 100, "lr": 0.001}
    short = run(**calm, iterations=100)
    assert short.metrics["steady_accuracy"] >= 0.98 and not short.goal_met
    assert run(**calm, iterations=101).goal_met


def test_pace_slows_each_step_so_lr_can_be_changed_mid_run():
    lesson = catalogue().get("train-a-classifier").load()
    assert lesson.param("pace").live and lesson.defaults()["pace"] == 0
    slow = run(iterations=20, pace=0.05)
    assert slow.seconds >= 20 * 0.05
