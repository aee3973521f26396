"""The lesson contract's building blocks: params, goals, quizzes, pages, the catalogue."""

import pytest

from tutor.course import (
    Catalogue,
    Goal,
    Lesson,
    LessonRef,
    Param,
    ParamError,
    Params,
    Part,
    Quiz,
    UnknownLesson,
    pages_from,
)


@pytest.mark.parametrize(
    "param, raw, value",
    [
        (Param.int("n", 5, lo=1, hi=10), "7", 7),
        (Param.int("n", 5, lo=1, hi=10), 3.0, 3),
        (Param.float("lr", 0.1, lo=1e-5, hi=10, log=True), "1e-3", 0.001),
        (Param.choice("act", "relu", ["relu", "tanh"]), "tanh", "tanh"),
        (Param.bool("bias", False), "yes", True),
        (Param.bool("bias", True), "off", False),
        (Param.text("name", "a", max_len=5), "hello", "hello"),
        (Param.matrix("W", [[1, 0], [0, 1]], shape=(2, 2)), "3 7; 4 1", ((3.0, 7.0), (4.0, 1.0))),
        (Param.matrix("W", [[1, 0], [0, 1]], shape=(2, 2)), "[[3,7],[4,1]]", ((3.0, 7.0), (4.0, 1.0))),
        (Param.grid("g", 2, 3), "#../.##", ("#..", ".##")),
    ],
)
def test_param_parses_and_round_trips(param, raw, value):
    assert param.parse(raw) == value
    assert param.parse(param.format(value)) == value


@pytest.mark.parametrize(
    "param, raw, phrase",
    [
        (Param.int("n", 5, lo=1, hi=10), "0", "from 1 to 10"),
        (Param.int("n", 5, lo=1, hi=10), "2.5", "not an integer"),
        (Param.int("n", 5, lo=1, hi=10), True, "not an integer"),
        (Param.float("lr", 0.1, lo=1e-5, hi=10), "nan", "not a finite number"),
        (Param.float("lr", 0.1, lo=1e-5, hi=10), "fast", "not a number"),
        (Param.choice("act", "relu", ["relu", "tanh"]), "gelu", "one of relu, tanh"),
        (Param.bool("bias", False), "maybe", "true or false"),
        (Param.text("name", "a", max_len=3), "toolong", "too long"),
        (Param.matrix("W", [[1, 0], [0, 1]], shape=(2, 2)), "1 2 3", "it is 1×3"),
        (Param.matrix("W", [[1, 0], [0, 1]], shape=(2, 2)), "1 x; 2 3", "numbers"),
        (Param.grid("g", 2, 3), "#../.#", "not 2×3"),
        (Param.grid("g", 2, 3), "#a./...", "'#' or '.'"),
    ],
)
def test_bad_values_say_what_is_allowed(param, raw, phrase):
    with pytest.raises(ParamError) as caught:
        param.parse(raw)
    message = str(caught.value)
    assert message.startswith(f"{param.name}: ") and phrase in message


def test_text_param_check_refuses_before_a_run():
    def shape(text):
        if not all(part.isdigit() for part in text.split(",")):
            raise ValueError("sizes must be whole numbers")

    p = Param.text("shape", "2,3", check=shape, describe="sizes separated by commas")
    assert p.parse("4,5") == "4,5"
    with pytest.raises(ParamError, match="sizes must be whole numbers.*sizes separated by commas"):
        p.parse("4,x")


def test_params_are_read_only_to_lessons_but_settable_by_the_app():
    p = Params({"lr": 0.1})
    assert p.lr == 0.1
    with pytest.raises(AttributeError):
        p.lr = 1.0
    with pytest.raises(AttributeError):
        _ = p.missing
    p.set("lr", 0.5)
    assert p.lr == 0.5 and p.as_dict() == {"lr": 0.5}


def test_goal_checks_metrics_and_param_limits():
    goal = Goal("acc", require={"acc": (">=", 0.9)}, limits={"hidden": ("<=", 4)}, hints=["a", "b"])
    assert goal.check({"acc": 0.95}, {"hidden": 4}) == (True, "goal met: acc 0.95")
    met, why = goal.check({"acc": 0.95}, {"hidden": 8})
    assert not met and "hidden <= 4" in why and "used 8" in why
    met, why = goal.check({"acc": 0.5}, {"hidden": 2})
    assert not met and "acc is 0.5" in why
    met, why = goal.check({}, {"hidden": 2})
    assert not met and "did not report acc" in why
    assert not goal.check({"acc": float("nan")}, {"hidden": 2})[0]
    with pytest.raises(ValueError):
        Goal("bad", require={"acc": ("~", 1)})


def test_goal_reasons_read_numbers_by_the_one_rule():
    goal = Goal("beat the forest", require={"margin_over_forest": (">", 0)})
    met, why = goal.check({"margin_over_forest": -0.00700003}, {})
    assert not met and why == "margin_over_forest is -0.007; the goal needs > 0"
    close = Goal("acc", require={"acc": (">=", 0.98)})
    assert close.check({"acc": 0.97996}, {}) == (False, "acc is 0.97996; the goal needs >= 0.98")  # not 0.98
    assert close.check({"acc": 0.981235}, {}) == (True, "goal met: acc 0.9812")
    big = Goal("params", limits={"params": ("<=", 401920)})
    assert big.check({}, {"params": 5130000}) == (False, "needs params <= 401,920 (this run used 5,130,000)")
    words = Goal("opt", limits={"opt": ("==", "adam")})
    assert words.check({}, {"opt": "sgd"}) == (False, "needs opt == 'adam' (this run used 'sgd')")


@pytest.mark.parametrize(
    "param, value, text",
    [
        (Param.float("lr", 0.1, lo=1e-6, hi=10), 1e-05, "1e-5"),
        (Param.float("lr", 0.1, lo=1e-6, hi=10), 0.000123456789, "0.000123456789"),  # nothing rounded
        (Param.float("x", 1.0, lo=0, hi=1e9), 123456.0, "123456"),
        (Param.int("n", 5, lo=1, hi=100000), 12345, "12345"),  # typed without separators
        (Param.matrix("W", [[1, 0], [0, 1]], shape=(2, 2)), ((1.0, 0.5), (0.0, 1.0)), "1 0.5; 0 1"),
    ],
)
def test_param_field_text_is_exact(param, value, text):
    assert param.format(value) == text
    assert param.parse(text) == value


def test_param_help_reads_numbers_by_the_one_rule():
    assert Param.int("steps", 5, lo=1, hi=100000).allowed() == "an integer from 1 to 100,000"
    assert Param.float("lr", 0.1, lo=1e-05, hi=10).allowed() == "a number from 1e-5 to 10"
    assert Param.text("name", "a", max_len=1).allowed() == "text of at most 1 character"
    assert Param.matrix("W", [[1]], shape=(8, 2)).allowed().startswith("an 8×2 matrix")
    assert Param.matrix("W", [[1]], shape=(1, None)).allowed().startswith("a 1-row matrix")
    assert Param.grid("g", 1, 8).allowed().startswith("a drawing of 1 row of 8 cells")


def test_quiz_choice_and_number():
    q = Quiz.choice("q", 0, "2+2?", ["3", "4"], answer=1, explain="Four.")
    assert q.check(1) == (True, "Correct. Four.")
    assert q.check(0)[0] is False
    assert q.check("x")[0] is False
    n = Quiz.number("n", 0, "pi?", 3.14159, tol=0.01)
    assert n.check("3.14")[0] and not n.check("3.2")[0] and not n.check("pie")[0]
    with pytest.raises(ValueError):
        Quiz.choice("q", 0, "?", ["a"], answer=3)


def test_pages_split_at_rule_lines_only(tmp_path):
    module = tmp_path / "lesson.py"
    (tmp_path / "lesson.md").write_text(
        "# One\n\ntext\n\n---\n\n# Two\n\nA setext heading\n---\n\nstill page two\n\n---\n\n# Three\n"
    )
    pages = pages_from(str(module))
    assert [p.splitlines()[0] for p in pages] == ["# One", "# Two", "# Three"]
    assert "still page two" in pages[1]


def test_lesson_resolve_keeps_saved_params_and_checks_overrides():
    lesson = Lesson(
        pages=("# a",),
        params=(Param.int("n", 5, lo=1, hi=10, help="n"), Param.bool("b", False, help="b")),
        train=lambda p, run: {},
        id="x",
    )
    assert lesson.resolve() == {"n": 5, "b": False}
    assert lesson.resolve(base={"n": 7, "gone": 1, "b": "nonsense"}) == {"n": 7, "b": False}
    assert lesson.resolve({"n": "9"}, base={"n": 7}) == {"n": 9, "b": False}
    with pytest.raises(ParamError, match="unknown parameter 'm'.*n, b"):
        lesson.resolve({"m": 1})


def test_catalogue_order_lookup_and_errors():
    course = Catalogue(
        [
            Part("P1", [LessonRef("a", "A", "m.a"), LessonRef("b", "B", "m.b")]),
            Part("P2", [LessonRef("c", "C", "m.c")]),
        ]
    )
    assert course.ids() == ["a", "b", "c"]
    assert course.get("c").part == "P2"
    with pytest.raises(UnknownLesson, match="unknown lesson 'z'; lessons are: a, b, c"):
        course.get("z")
    with pytest.raises(ValueError, match="share the id"):
        Catalogue([Part("P", [LessonRef("a", "A", "m"), LessonRef("a", "A2", "m")])])


def test_line_chart_series_may_be_glob_patterns():
    from tutor.course import Chart

    chart = Chart.line("loss", ["train_loss", "val_*"])
    assert chart.pick({"train_loss": 1, "val_0.3": 2, "val_100": 3, "other": 4}) == {
        "train_loss": 1,
        "val_0.3": 2,
        "val_100": 3,
    }
