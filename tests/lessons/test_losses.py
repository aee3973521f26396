"""losses: softmax, cross-entropy (one point, a batch), the normalised sigmoid, BCE vs MSE
(aiaioo ex 430–480, parrt nb5), and the softmax-twice mistake."""

import math

import pytest

from tests.conftest import finished_run
from tutor.course import ParamError, catalogue
from tutor.figures import Multiples


def run(**overrides):
    return finished_run("losses", overrides)


def test_softmax_and_cross_entropy_of_one_point():
    # ex 430: c = [6, 3.9] → softmax [0.8909, 0.1091]; CE (class 0) 0.11551953107118607 (det).
    # This float32 result is 1 ulp (7.5e-9) from the course's, printed by an older torch.
    m = run().metrics
    assert round(m["softmax_p0"], 4) == 0.8909 and round(m["softmax_p1"], 4) == 0.1091
    assert m["ce_point"] == pytest.approx(0.11551953107118607, abs=1e-8)
    assert m["ce_point_by_hand"] == pytest.approx(m["ce_point"], abs=1e-7)


def test_step_through_table():
    table = run().figures["point"]
    assert table.reveal
    rows = {r[0]: r[2] for r in table.rows}
    assert rows["scores c"] == "[6, 3.9]"
    assert rows["exp(c)"] == "[403.429, 49.4025]"  # course: [403.4288, 49.4025]
    assert rows["softmax, by hand"] == rows["softmax, PyTorch"] == "[0.890903, 0.109097]"
    assert rows["normalised sigmoid"] == "[0.504391, 0.495609]"


@pytest.mark.parametrize("f1, ce", [(4, 0.6444), (5, 0.2873), (6, 0.1155), (10, 0.0022)])
def test_cross_entropy_as_f1_grows_slide_50(f1, ce):
    assert round(run(point=f"{f1} 2 1.9").metrics["ce_point"], 4) == ce


def test_slide_50_table():
    table = run().figures["slide50"]
    assert [r[0] for r in table.rows] == [4, 5, 6, 10]
    assert [round(r[3], 4) for r in table.rows] == [0.6444, 0.2873, 0.1155, 0.0022]
    assert table.highlight == [2]  # the learner's f1 = 6
    table = run(point="7.5 2 1.9").figures["slide50"]
    assert [r[0] for r in table.rows] == [4, 5, 6, 7.5, 10] and table.highlight == [3]


def test_batch_cross_entropy():
    # ex 450: targets [0, 0, 0] → 0.349083811044693; [1, 1, 1] → 1.4490838050842285 (det)
    m = run().metrics
    assert m["ce_batch"] == pytest.approx(0.349083811044693, abs=1e-7)  # 2 float32 ulps
    assert m["ce_batch_by_hand"] == pytest.approx(m["ce_batch"], abs=1e-7)
    ones = run(targets="1 1 1").metrics
    assert ones["ce_batch"] == 1.4490838050842285
    table = run().figures["batch"]
    assert [round(r[5], 4) for r in table.rows[:3]] == [0.1155, 0.2873, 0.6444]
    assert "PyTorch agrees" in table.summary


def test_normalised_sigmoid():
    # ex 480: [0.5044, 0.4956]; NLL 0.6844037175178528 (det)
    m = run().metrics
    assert round(m["nsig_p0"], 4) == 0.5044 and round(m["nsig_p1"], 4) == 0.4956
    assert m["nsig_nll"] == 0.6844037175178528


def test_by_hand_equals_pytorch():
    for overrides in (
        {},
        {"targets": "0 1 1"},
        {"W": "50 0; 0 50; 0 50", "targets": "1 1 1"},
        {"point": "-3 20 7", "target": 1},
    ):
        m = run(**overrides).metrics
        assert m["max_abs_difference_hand_vs_torch"] < 1e-5, overrides
        assert math.isfinite(m["ce_batch_by_hand"])


def test_normalised_sigmoid_can_never_be_sure():
    # with f2 = 2, f3 = 1.9 its NLL for class 0 stays above log(1 + sigmoid(3.9)) ≈ 0.6832
    curves = run().figures["curves"]
    ce, nll = curves.series[0].y, curves.series[1].y
    assert min(nll) > math.log(1 + 1 / (1 + math.exp(-3.9))) - 1e-6
    assert min(ce) < 1e-4


def test_bce_vs_mse():
    figure = run().figures["bce"]
    assert isinstance(figure, Multiples) and len(figure.plots) == 2
    # confidently wrong, z = −6: BCE = log(1 + e⁶) ≈ 6.0025, slope p − 1 ≈ −0.9975;
    # MSE slope −2(1 − p)·p(1 − p) ≈ −0.0049
    assert "BCE 6.002, slope -0.9975" in figure.summary
    assert "MSE 0.9951, slope -0.004921" in figure.summary


def test_mistake_softmax_into_cross_entropy_has_a_floor():
    floor = -1 + math.log(math.e + 1)  # ≈ 0.3133
    m = run(point="10 2 1.9", softmax_into_cross_entropy=True).metrics
    assert m["ce_point"] == pytest.approx(0.3145, abs=1e-4)  # instead of 0.0022
    assert m["ce_point_by_hand"] == pytest.approx(0.0022, abs=1e-4)
    assert m["max_abs_difference_hand_vs_torch"] > 0.3
    sure = run(W="50 0; 0 50; 0 50", softmax_into_cross_entropy=True)
    assert sure.metrics["ce_batch"] >= floor - 1e-6
    assert sure.goal_met is False
    assert "NOT the same" in sure.figures["batch"].summary
    curves = sure.figures["curves"].series
    assert curves[-1].name.endswith("(mistake)") and min(curves[-1].y) >= floor - 1e-6


def test_goal_needs_the_course_batch():
    assert run(W="50 0; 0 50; 0 50").goal_met
    assert run().goal_met is False
    easy = run(W="50 0; 0 50; 0 50", batch="60 2 1.9; 50 2 1.9; 40 2 1.9")
    assert easy.metrics["ce_batch"] <= 0.01 and easy.metrics["course_batch"] == 0
    assert easy.goal_met is False


def test_targets_are_checked():
    lesson = catalogue().get("losses").load()
    assert lesson.resolve({"targets": "0, 1, 1"})["targets"] == "0, 1, 1"
    for bad in ("0 2 0", "0 0", "a b c"):
        with pytest.raises(ParamError, match="three class labels"):
            lesson.resolve({"targets": bad})


def test_the_last_hint_s_numbers_are_the_solution_s():
    lesson = catalogue().get("losses").load()
    hint = lesson.goal.hints[-1]
    assert "W = 50 0; 0 50; 0 50" in hint and lesson.solution == {"W": "50 0; 0 50; 0 50"}
    solved = run(**lesson.solution)
    row3 = solved.figures["batch"].rows[2][5]
    assert round(row3, 3) == 0.007 and "its loss about 0.007" in hint
    assert round(solved.metrics["ce_batch"], 3) == 0.002 and "about 0.002" in hint
