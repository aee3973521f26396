"""xor: toy problem 3 needs a hidden layer; activation and bias decide (aiaioo ex 610–695)."""

import statistics

from lessons.classification.xor import COURSE_RESULTS
from tests.conftest import finished_run, run_lesson
from tutor.course import catalogue
from tutor.runner import Run

HIDDEN = {"hidden": 4}


def accuracy(seed=0, **overrides):
    result = finished_run("xor", {"seed": seed, **overrides})
    return result.metrics["test_accuracy"]


def test_single_layer_is_near_chance():
    # course: 0.517 (answering "class 1" always scores ~0.51)
    assert all(accuracy(seed) < 0.65 for seed in (0, 1))


def test_hidden_relu_with_bias_solves_it():
    # course: 0.986
    assert all(accuracy(seed, bias=True, **HIDDEN) >= 0.95 for seed in (0, 1, 2))


def test_hidden_relu_without_bias_usually_solves_it():
    # course: 0.987; some seeds stop with three quadrants right (≈ 0.74)
    accs = [accuracy(seed, **HIDDEN) for seed in range(5)]
    assert statistics.median(accs) >= 0.95


def test_sigmoid_without_bias_fails_and_bias_rescues_it():
    # course: 0.523 without bias, 0.843 with bias
    for seed in (0, 1):
        without = accuracy(seed, activation="sigmoid", **HIDDEN)
        with_bias = accuracy(seed, activation="sigmoid", bias=True, **HIDDEN)
        assert without < 0.65
        assert with_bias >= without + 0.2


def test_odd_network_gets_half_right():
    # tanh without bias: score(−x) = −score(x), and XOR gives x and −x the same class
    assert 0.4 < accuracy(0, activation="tanh", **HIDDEN) < 0.6
    assert 0.4 < accuracy(0, activation="none", **HIDDEN) < 0.6


def test_pytorch_init_also_solves_it():
    assert accuracy(0, bias=True, init="pytorch", **HIDDEN) >= 0.95


def test_decision_map_shows_the_xor_pattern():
    result = run_lesson("xor", {"bias": True, **HIDDEN})
    heat = result.figures["decision"]
    assert heat.palette == "classes" and len(heat.xs) == len(heat.ys) == 41
    assert heat.xs[0] == -100 and heat.xs[-1] == 100
    z = heat.z  # z[i][j]: f2 = ys[i], f1 = xs[j]
    assert z[-1][0] > 0.9 and z[0][-1] > 0.9  # top-left, bottom-right: opposite signs
    assert z[-1][-1] < 0.1 and z[0][0] < 0.1  # top-right, bottom-left: same sign
    assert {c for _, _, c in heat.points} == {0, 1}
    assert "top-left 100%" in heat.summary


def test_results_table_is_filled_from_history_and_this_run():
    lesson = catalogue().get("xor").load()
    history = [
        {
            "params": {"hidden": 0, "activation": "relu", "bias": False, "init": "course"},
            "metrics": {"test_accuracy": 0.5},
            "status": "finished",
        },
        {
            "params": {"hidden": 4, "activation": "sigmoid", "bias": False, "init": "course"},
            "metrics": {"test_accuracy": 0.52},
            "status": "finished",
        },
        {
            "params": {"hidden": 4, "activation": "sigmoid", "bias": False, "init": "course"},
            "metrics": {"test_accuracy": 0.61},
            "status": "finished",
        },  # later run wins
        {
            "params": {"hidden": 4, "activation": "relu", "bias": False, "init": "course"},
            "metrics": {"loss": 9.0},
            "status": "cancelled",
        },  # ignored
    ]
    params = lesson.resolve({"hidden": 4, "activation": "relu", "bias": True, "epochs": 300})
    result = Run(lesson, params, "cpu", history=history).execute()
    table = result.figures["results"]
    rows = {r[0]: r for r in table.rows}
    assert len(table.rows) == 5
    assert rows["one layer (no hidden layer)"][2] == 0.5
    assert rows["hidden sigmoid, no bias"][2] == 0.61
    assert rows["hidden relu, no bias"][2] == "—"
    assert rows["hidden sigmoid, with bias"][2] == "—"
    assert rows["hidden relu, with bias"][2] == round(result.metrics["test_accuracy"], 3)
    assert table.highlight == [4]
    assert [r[1] for r in table.rows] == [0.517, 0.987, 0.523, 0.843, 0.986]
    assert "3 of 5" in table.summary


def test_mistake_switch_sampling_with_replacement_makes_the_loss_jitter():
    def jitter(result):
        curve = [y for _, y in result.curves["train_loss"]][100:]
        return sum(abs(a - b) for a, b in zip(curve, curve[1:])) / len(curve)

    right = run_lesson("xor", {"seed": 0, "bias": True, **HIDDEN})
    wrong = run_lesson("xor", {"seed": 0, "bias": True, "with_replacement": True, **HIDDEN})
    assert wrong.status == "finished"
    assert jitter(wrong) > 5 * jitter(right)
    note = next(n for n in wrong.notes if "different rows" in n)
    distinct = int(note.split("held only ")[1].split()[0])
    assert 580 <= distinct <= 690  # 1000 draws with replacement: ≈ 632 distinct


def test_goal_counts_hidden_units():
    assert run_lesson("xor").goal_met is False
    wide = run_lesson("xor", {"hidden": 8, "bias": True})
    assert wide.metrics["test_accuracy"] >= 0.95 and wide.goal_met is False


def test_the_default_seed_reproduces_the_course_s_five_rows_within_0_02():
    lesson = catalogue().get("xor").load()
    assert lesson.defaults()["seed"] == 7
    rows = {
        "one layer (no hidden layer)": {"hidden": 0},
        "hidden relu, no bias": HIDDEN,
        "hidden sigmoid, no bias": {"activation": "sigmoid", **HIDDEN},
        "hidden sigmoid, with bias": {"activation": "sigmoid", "bias": True, **HIDDEN},
        "hidden relu, with bias": {"bias": True, **HIDDEN},
    }
    for name, overrides in rows.items():
        got = finished_run("xor", overrides).metrics["test_accuracy"]
        assert abs(got - COURSE_RESULTS[name]) <= 0.02, (name, got)


def test_the_stuck_start_the_page_describes():
    # seed 0, ReLU without bias: three quadrants right, bottom-right wrong; 8 units escape
    stuck = finished_run("xor", {"seed": 0, **HIDDEN})
    assert round(stuck.metrics["test_accuracy"], 3) == 0.736
    assert "bottom-right 0%" in stuck.figures["decision"].summary
    assert "top-left 100%" in stuck.figures["decision"].summary
    assert accuracy(0, hidden=8) >= 0.95


def test_one_line_with_a_bias_cuts_off_a_corner_at_best():
    assert round(accuracy(0, bias=True), 3) == 0.645
    assert accuracy(3, bias=True) < 0.7


def test_activation_table_is_exercise_650_with_slopes():
    table = run_lesson("xor", {"epochs": 1}).figures["activations"]
    rows = {r[0]: r[1:] for r in table.rows}
    assert list(rows) == [-10, -5, -1, 0, 1, 5, 10]
    # the course's values: sigmoid 0.0000 0.0067 0.2689 0.5 0.7311 0.9933 1.0000; tanh ±0.7616 at ±1
    assert [round(rows[a][0], 4) for a in rows] == [0.0, 0.0067, 0.2689, 0.5, 0.7311, 0.9933, 1.0]
    assert round(rows[1][2], 4) == 0.7616 and [rows[a][4] for a in rows] == [0, 0, 0, 0, 1, 5, 10]
    # slopes: σ(1 − σ), 1 − tanh², [a > 0]; the page's numbers at a = 10
    assert rows[0][1] == 0.25 and rows[0][3] == 1.0 and rows[1][5] == 1.0 and rows[-1][5] == 0.0
    assert round(rows[10][1], 6) == 0.000045 and rows[10][3] == 0.0
