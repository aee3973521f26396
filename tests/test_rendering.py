"""Every figure kind draws, at the smallest and a large size, and numbers read well."""

import pytest
from rich.console import Console

from tutor import rendering
from tutor.figures import (
    Bars,
    Heatmap,
    Images,
    Multiples,
    Plot,
    Series,
    Table,
    Text,
    figure_from_json,
    figure_to_json,
)

FIGURES = [
    Heatmap(
        [[0, 1, 2], [3, 4, 5]],
        [0, 1, 2],
        [0, 1],
        summary="h",
        points=[(1, 1, 0), (2, 0, 1)],
        marks=[(0, 0, "best")],
        log=False,
    ),
    Heatmap([[0.1, 0.9], [0.8, 0.2]], [-1, 1], [-1, 1], summary="c", palette="classes", vmin=0, vmax=1),
    Heatmap(
        [[0.1, 0.9], [0.5, 0.2]], [0, 1], [0, 1], summary="m", row_labels=["a", "b"], col_labels=["x", "y"]
    ),
    Bars(
        ["slow", "fast", "a", "b", "c", "d", "e", "f", "g"],
        [2.0, 1e-5, 1, 2, 3, 4, 5, 6, 7],
        summary="b",
        unit="s",
        log=True,
    ),
    Table(["a", "b"], [[1, 0.5], [2, 0.25]], summary="t", highlight=[1]),
    Table(["step"], [[1], [2], [3]], summary="s", reveal=True),
    Text("RuntimeError: boom", summary="e", style="error"),
    Images([[[0.0, 1.0], [1.0, 0.0]]] * 3, ["a", "b", "c"], summary="i"),
]


def styles_in(renderable):
    """Every style string a renderable carries (Rich ignores bad ones; Textual refuses them)."""
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text as RichText

    if isinstance(renderable, RichText):
        yield from (str(span.style) for span in renderable.spans if isinstance(span.style, str))
        if isinstance(renderable.style, str) and renderable.style:
            yield renderable.style
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            yield from styles_in(part)
    elif isinstance(renderable, RichTable):
        for column in renderable.columns:
            for cell in column.cells:
                yield from styles_in(cell)
        for row in renderable.rows:
            if isinstance(row.style, str) and row.style:
                yield row.style


def text_of(renderable, width=200):
    console = Console(width=width, record=True)
    console.print(renderable, crop=False)
    return console.export_text()


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: type(f).__name__)
@pytest.mark.parametrize("size", [(36, 8), (120, 40)])
def test_rich_figures_render(figure, size):
    from rich.style import Style

    renderable = rendering.render(figure, *size, shown=1)
    for style in styles_in(renderable):
        Style.parse(style)  # raises for a colour Textual cannot draw
    console = Console(width=size[0], record=True, color_system="truecolor")
    console.print(renderable)
    assert console.export_text().strip()


def test_step_through_table_shows_only_revealed_rows():
    console = Console(width=60, record=True)
    console.print(rendering.render(FIGURES[5], 60, 20, shown=2))
    text = console.export_text()
    assert "2" in text and "\n   3" not in text
    assert rendering.figure_summary(FIGURES[5], 2) == "step 2 of 3 — press . for the next"
    assert rendering.figure_summary(FIGURES[5], 3) == "s"  # the answers once every row shows


@pytest.mark.parametrize(
    "figure",
    [
        Plot(
            [
                Series("fit", [0, 1, 2], [1, 2, 3]),
                Series("data", [0, 1], [1, 1], style="points"),
                Series("old", [0, 1], [2, 2], faint=True),
            ],
            summary="p",
            vlines=[(1, "best")],
            logy=True,
        ),
        Multiples(
            [Plot([Series("a", [0, 1], [1, 0])], summary="x", title=f"wd {i}") for i in range(4)],
            summary="m",
            cols=2,
        ),
    ],
)
def test_plotext_figures_build(figure):
    assert text_of(rendering.render(figure, 60, 15)).strip()


def test_curves_with_previous_run_and_log_scale():
    plot = rendering.curves_plot(
        {"loss": [(0, 1.0), (1, 0.5)]}, logy=True, previous={"loss": [(0, 2.0), (1, 0.0)]}
    )  # zero: log is dropped
    text = text_of(rendering.render(plot, 60, 15))
    assert "loss" in text and "y linear (some values ≤ 0)" in text
    summary = rendering.curve_summary({"loss": [(0, 1.0), (10.4, 0.2), (20, 0.5)]})
    assert summary == "loss 0.5 at epoch 20 (lowest 0.2 near 10)"


def test_figures_round_trip_through_json():
    for figure in FIGURES:
        assert figure_from_json(figure_to_json(figure)) == figure


def test_table_cells_are_not_read_as_markup():
    console = Console(width=80, record=True)
    fig = Table(["[x]", "b"], [["[y]", "[inf, 1]"], ["[bold]z", 1]], summary="t", title="[a > 0]")
    console.print(rendering.render(fig, 80, 20))
    text = console.export_text()
    for shown in ("[x]", "[y]", "[inf, 1]", "[bold]z", "[a > 0]"):
        assert shown in text


def test_multiples_keep_their_titles_and_leave_no_empty_frames():
    import re

    panels = [
        Plot(
            [Series("val", [1, 2, 3], [3, 2, 1])],
            summary="s",
            title=f"wd {i}: validation 6,843 after 1000 epochs",
        )
        for i in range(5)
    ]
    text = text_of(rendering.render(Multiples(panels, summary="m"), 96, 24))
    assert all(f"wd {i}:" in text for i in range(5))  # titles shortened to fit, not dropped
    assert text.count("└") == 5  # a 3×2 grid with its 6th cell blank
    assert len(re.findall(r"^\s*3┤", text, re.M)) == 2  # one tick label per panel row


def test_labelled_matrix_fits_the_panel_width():
    letters = list("abcdefghijklmnopqrst")
    fig = Heatmap(
        [[i / 400 + j / 20 for i in range(20)] for j in range(20)],
        list(range(20)),
        list(range(20)),
        summary="attention",
        row_labels=letters,
        col_labels=letters,
    )
    for width in (44, 60, 120):
        console = Console(width=200, record=True)
        console.print(rendering.render(fig, width, 30))
        lines = console.export_text().splitlines()
        assert max(len(line.rstrip()) for line in lines[:-1]) <= width
    confusion = Heatmap(
        [[980, 1], [3, 1000]], [0, 1], [0, 1], summary="c", row_labels=["0", "1"], col_labels=["0", "1"]
    )
    console = Console(width=80, record=True)
    console.print(rendering.render(confusion, 60, 10))
    text = console.export_text()
    assert "980" in text and "1000" in text


def test_a_legend_entry_wider_than_the_panel_wraps_and_keeps_every_character():
    from rich.text import Text as RichText

    from tutor.plots import wrap_entries

    name = "++ learned: mpg = 46.22 − 7.65·weight/1000"
    lines = wrap_entries([RichText("xx your rule"), RichText(name), RichText("•• cars")], 30, 6)
    assert all(line.cell_len <= 30 for line in lines)
    assert " ".join(line.plain for line in lines).split() == ("xx your rule " + name + " •• cars").split()


def test_heatmap_legend_names_the_palette_s_colours():
    z = [[-1.0, 0.0], [0.5, 1.0]]
    diverging = text_of(
        rendering.render(Heatmap(z, [0, 1], [0, 1], summary="d", palette="diverging"), 80, 12)
    )
    sequential = text_of(rendering.render(Heatmap(z, [0, 1], [0, 1], summary="s"), 80, 12))
    assert "Colour: value, blue -1 → red 1." in diverging
    assert "Colour: value, dark -1 → bright 1." in sequential
