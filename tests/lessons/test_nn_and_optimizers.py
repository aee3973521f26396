"""nn-and-optimizers: nn.Linear + loss module + SGD/Adam/RMSprop on y = 0.7x + 0.3 (learnpytorch 01)."""

import pytest

from lessons.regression.nn_and_optimizers import straight_line
from tests.conftest import run_lesson


@pytest.fixture(scope="module")
def default():
    result = run_lesson("nn-and-optimizers")
    assert result.status == "finished", result.error
    return result


def test_data_is_50_points_split_40_10():
    X_train, y_train, X_test, y_test = straight_line()
    assert (len(X_train), len(X_test)) == (40, 10)
    assert X_test[0].item() == pytest.approx(0.8)
    assert y_train[1].item() == pytest.approx(0.7 * 0.02 + 0.3)


def test_seeded_start_matches_the_course(default):
    assert default.metrics["start_weight"] == pytest.approx(0.7645, abs=1e-4)
    assert default.metrics["start_bias"] == pytest.approx(0.8300, abs=1e-4)


def test_sgd_with_l1_matches_the_course_run(default):
    m = default.metrics
    assert m["sgd_weight"] == pytest.approx(0.6968, abs=1e-4)
    assert m["sgd_bias"] == pytest.approx(0.3025, abs=1e-4)
    assert m["sgd_train_mae"] == pytest.approx(0.0012645035749301314, abs=1e-7)
    assert default.curves["sgd_test"][0][1] > 0.4  # starts far off


def test_sgd_logged_losses_match_the_course_printout():
    result = run_lesson("nn-and-optimizers", {"epochs": 300})  # 300 points: not downsampled
    train, test = dict(result.curves["sgd_train"]), dict(result.curves["sgd_test"])
    assert train[0.0] == pytest.approx(0.5551779866218567, abs=1e-7)
    assert test[0.0] == pytest.approx(0.5739762187004089, abs=1e-6)
    assert train[200.0] == pytest.approx(0.0012645035749301314, abs=1e-7)
    assert test[200.0] == pytest.approx(0.013801801018416882, abs=1e-6)


def test_sgd_bounces_between_two_lines():
    result = run_lesson("nn-and-optimizers", {"epochs": 300})
    last = [v for _, v in result.curves["sgd_train"][-4:]]
    assert last[0] == pytest.approx(last[2], abs=1e-7) and last[1] == pytest.approx(last[3], abs=1e-7)
    assert abs(last[0] - last[1]) > 0.005  # 0.0013 and 0.0103, alternating
    assert {round(v, 7) for v in last} == {0.0012645, 0.0102565}


def test_all_three_learn_the_line(default):
    m = default.metrics
    for name in ("sgd", "adam", "rmsprop"):
        assert m[f"{name}_weight"] == pytest.approx(0.7, abs=0.03), name
        assert m[f"{name}_bias"] == pytest.approx(0.3, abs=0.01), name
        assert m[f"{name}_test_mae"] < 0.03
    assert set(default.curves) == {f"{n}_{s}" for n in ("sgd", "adam", "rmsprop") for s in ("train", "test")}
    assert m["worst_test_mae"] == max(m[f"{n}_test_mae"] for n in ("sgd", "adam", "rmsprop"))


def test_figures(default):
    assert [row[1] for row in default.figures["loop"].rows] == [
        "y_pred = model(X_train)",
        "loss = loss_fn(y_pred, y_train)",
        "optimizer.zero_grad()",
        "loss.backward()",
        "optimizer.step()",
    ]
    results = default.figures["results"]
    assert [r[0] for r in results.rows][2:] == ["sgd", "adam", "rmsprop"]
    assert "0.7" in results.summary


def test_mse_loss_finds_the_line_almost_exactly():
    m = run_lesson("nn-and-optimizers", {"loss": "mse", "lr": 0.1}).metrics
    assert m["sgd_weight"] == pytest.approx(0.7, abs=1e-3)
    assert m["adam_bias"] == pytest.approx(0.3, abs=1e-3)


def test_goal_is_not_met_by_default(default):
    assert not default.goal_met and default.metrics["worst_test_mae"] > 0.01
