"""Each kind of Param in one place: its name, its form field, what it allows, its JSON."""

import json

import pytest
from textual.app import App
from textual.widgets import Input, Select

from tutor.course import Param
from tutor.params import ParamError
from tutor.widgets.drawing import DrawingGrid
from tutor.widgets.param_form import NumberInput, ParamForm

EVERY_KIND = [
    (Param.int("n", 5, lo=1, hi=10), "int", "number", 7),
    (Param.float("lr", 0.1, lo=1e-5, hi=10, log=True), "float", "number", 0.003),
    (Param.choice("act", "relu", ["relu", "tanh"]), "choice", "select", "tanh"),
    (Param.bool("bias", False), "bool", "select", True),
    (Param.text("name", "a"), "text", "text", "b c"),
    (Param.grid("g", 2, 3), "grid", "drawing", ("#..", ".##")),
    (
        Param.matrix("W", [[1, 0], [0, 1]], shape=(2, 2), lo=-5, hi=5),
        "matrix",
        "text",
        ((0.5, -1.0), (2.0, 3.0)),
    ),
]


@pytest.mark.parametrize("param, kind, field, value", EVERY_KIND, ids=[k for _, k, _, _ in EVERY_KIND])
def test_each_kind_names_itself_and_its_field_and_reads_back_its_json(param, kind, field, value):
    assert (param.kind, param.field) == (kind, field)
    for v in (param.default, value):
        stored = json.loads(json.dumps(param.to_json(v)))  # as the progress file keeps it
        assert param.parse(stored) == v
        assert param.parse(param.format(v)) == v


def test_the_json_of_drawings_and_matrices_is_lists():
    grid, matrix = EVERY_KIND[5][0], EVERY_KIND[6][0]
    assert grid.to_json(("#..", ".##")) == ["#..", ".##"]
    assert matrix.to_json(((1.0, 2.0), (3.0, 4.0))) == [[1.0, 2.0], [3.0, 4.0]]
    assert Param.int("n", 1).to_json(3) == 3


def test_select_kinds_offer_their_options_in_words():
    assert Param.choice("act", "relu", ["relu", "tanh"]).options() == [("relu", "relu"), ("tanh", "tanh")]
    assert Param.bool("bias", True).options() == [("on", True), ("off", False)]


@pytest.mark.parametrize(
    "param, phrase",
    [
        (Param.int("n", 5), "an integer"),
        (Param.int("n", 5, lo=1), "an integer of at least 1"),
        (Param.float("x", 5, hi=2.5), "a number of at most 2.5"),
        (Param.text("t", "a", max_len=9), "text of at most 9 characters"),
        (Param.text("t", "a", describe="a shape such as 2,3"), "a shape such as 2,3"),
        (Param.grid("g", 2, 3, describe="not empty"), "a drawing of 2 rows of 3 cells"),
        (Param.matrix("W", [[1]], shape=(2, 2)), "a 2×2 matrix"),
        (Param.matrix("W", [[1]], shape=(1, None)), "a 1-row matrix, rows separated by ';' (e.g. \"1 0\")"),
        (Param.matrix("W", [[1]], shape=(None, 3)), "a 3-column matrix"),
        (
            Param.matrix("W", [[1]], lo=-1, hi=1),
            "matrix, rows separated by ';' (e.g. \"1 0; 0 1\") with entries from -1 to 1",
        ),
    ],
)
def test_allowed_says_what_each_kind_takes(param, phrase):
    assert phrase in param.allowed()


def test_a_drawing_check_refuses_with_its_reason():
    def not_empty(rows):
        if "#" not in "".join(rows):
            raise ValueError("the drawing is empty")

    g = Param.grid("g", 1, 2, check=not_empty, describe="draw something")
    assert g.parse("#.") == ("#.",)
    with pytest.raises(ParamError, match=r"the drawing is empty.*\(draw something\)"):
        g.parse("..")


async def test_the_form_gives_each_kind_its_field():
    params = tuple(p for p, *_ in EVERY_KIND)

    class FormApp(App):
        def compose(self):
            yield ParamForm(params, {p.name: p.default for p in params})

    widgets = {
        "number": NumberInput,
        "select": Select,
        "text": Input,
        "drawing": DrawingGrid,
    }
    async with FormApp().run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        for p in params:
            field = pilot.app.query_one(f"#param-{p.name}")
            assert type(field) is widgets[p.field], p.name
            in_line = bool(pilot.app.query(f"#row-{p.name} .param-line #param-{p.name}"))
            assert in_line is (p.field != "drawing"), p.name  # a drawing sits under the name
        assert pilot.app.query_one("#param-bias", Select).value is False
        assert pilot.app.query_one("#param-W", Input).value == "1 0; 0 1"


@pytest.mark.parametrize(
    "param, typed, value",
    [
        (Param.int("epochs", 10, lo=1, hi=100_000), "100,000", 100_000),
        (Param.int("epochs", 10, lo=1, hi=100_000), " 1,000 ", 1000),
        (Param.float("lr", 0.1, lo=-1e6, hi=1e6), "-1,234.5", -1234.5),
        (Param.float("lr", 0.1, lo=0, hi=1e6), "12,345e1", 123450.0),
    ],
)
def test_numbers_may_be_typed_as_the_help_writes_them(param, typed, value):
    assert param.parse(typed) == value


@pytest.mark.parametrize("typed", ["1,00", "1,0000", ",100", "1,,000", "10,000,00", "1,000,"])
def test_commas_that_do_not_group_thousands_are_refused(typed):
    with pytest.raises(ParamError):
        Param.int("epochs", 10, lo=0, hi=10**9).parse(typed)
    with pytest.raises(ParamError):
        Param.float("lr", 0.1, lo=0, hi=1e9).parse(typed)
