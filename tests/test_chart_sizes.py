"""Every kind of chart draws at every size from 20×6 to 160×48: nothing "could not be drawn",
ticks are short, legends sit below the data, and tables never cut a number."""

import math
import re

import pytest
from rich.console import Console

from tutor import plots, rendering, tables
from tutor.figures import Bars, Heatmap, Images, Multiples, Plot, Series, Table, Text
from tutor.formatting import number

SIZES = [
    (20, 6),
    (22, 7),
    (24, 8),
    (30, 8),
    (36, 10),
    (44, 12),
    (44, 10),
    (50, 14),
    (60, 16),
    (60, 14),
    (80, 20),
    (100, 30),
    (120, 36),
    (150, 40),
    (160, 48),
    (30, 20),
    (160, 8),
    (20, 48),
]


def curve(n, f):
    return [(float(i), f(i)) for i in range(n)]


def bouncing_loss(i):
    return 3.0 * math.exp(-i / 40) + 0.0013 + (0.009 if i % 2 else 0.0)


def diverging(i):
    return 4.0**i  # reaches 1e37 and more, like descent-1d at lr 1.5


def panel(k):
    return Plot(
        [
            Series(
                "training", list(range(400)), [3000 * math.exp(-i / (40 + 9 * k)) + 500 for i in range(400)]
            ),
            Series(
                "validation",
                list(range(400)),
                [2500 * math.exp(-i / 50) + 2900 + i * (2 - k) for i in range(400)],
            ),
        ],
        summary="",
        title=f"wd {[0, 0.001, 0.01, 0.1, 1][k]:g}: validation {6843 - 500 * k:,}",
        xlabel="epoch",
        logy=True,
        vlines=[(40 + 5 * k, "best")],
    )


NUMBERS = [
    [
        e,
        0.6312345 * e - 0.5,
        25.123456 + e,
        6.7109e8 / (e + 1),
        1.2345e-4 * e,
        -3.2e-7,
        12345.678,
        "random forest, 500 trees",
    ]
    for e in range(8)
]

FIGURES = {
    "line": rendering.curves_plot(
        {"loss": curve(3000, bouncing_loss), "val": curve(3000, lambda i: 0.5 + 0.1 * math.sin(i / 50))},
        previous={"loss": curve(2000, lambda i: 2 * bouncing_loss(i))},
        xlabel="step",
    ),
    "log line": rendering.curves_plot(
        {
            "learned_mse": curve(200, lambda i: 600 * math.exp(-i / 20) + 18.68),
            "rule_mse": curve(200, lambda i: 26.5),
        },
        logy=True,
        xlabel="step",
    ),
    "huge values": rendering.curves_plot(
        {"loss": curve(64, diverging), "w": curve(64, lambda i: (-2) ** i)}, xlabel="step"
    ),
    "small multiples": Multiples([panel(k) for k in range(5)], summary="m"),
    "heat-map": Heatmap(
        [[math.sin(x / 5) * math.cos(y / 7) for x in range(40)] for y in range(30)],
        list(range(40)),
        list(range(30)),
        summary="h",
        points=[(3, 4, 0), (20, 10, 1)],
        marks=[(10, 10, "best")],
        palette="diverging",
        xlabel="m",
        ylabel="b",
    ),
    "heat-map multiples": Multiples(
        [
            Heatmap(
                [[(x + k * y) % 7 / 6 for x in range(40)] for y in range(30)],
                list(range(40)),
                list(range(30)),
                summary=f"{k}",
                points=[(3 + k, 4, 0), (20, 10 + k, 1)],
                palette="classes",
                vmin=0,
                vmax=1,
                xlabel="proline",
                ylabel="alcohol",
                title=f"the {[91, 39][k]} {['training', 'held-out'][k]} wines",
            )
            for k in range(2)
        ],
        summary="m",
        title="P(class 1) over proline × alcohol",
    ),
    "confusion": Heatmap(
        [[0.9 if i == j else (0.01 * ((i + j) % 4)) for j in range(10)] for i in range(10)],
        list(range(10)),
        list(range(10)),
        summary="c",
        vmin=0,
        vmax=1,
        off_diagonal=True,
        row_labels=[str(d) for d in range(10)],
        col_labels=[str(d) for d in range(10)],
    ),
    "table": Table(
        ["epoch", "raw m", "raw b", "raw MSE", "std m", "std b", "std MSE", "model"],
        NUMBERS,
        summary="t",
        highlight=[7],
        title="Steps on raw and standardised weights",
    ),
    "step-through table": Table(
        ["quantity", "how", "value"],
        [
            ["z", "w·x + b", 0.4213],
            ["p", "sigmoid(z)", 0.6037894],
            ["loss", "−log p (the true class is 1)", 0.50452],
            ["dL/dz", "p − 1", -0.3962106],
        ],
        summary="answers",
        reveal=True,
    ),
    "images": Images(
        [[[((r * c) % 7) / 6 for c in range(28)] for r in range(28)]] * 24,
        [f"{d} → {(d + 3) % 10}" for d in range(24)],
        summary="i",
        title="digits",
    ),
    "text": Text(
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (64x784 and 28x10)",
        summary="e",
        style="error",
    ),
    "bars": Bars(["loop", "vectorised", "gpu"], [2.0, 1e-3, 2e-5], summary="b", unit="s", log=True),
}


def text_of(renderable, width):
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable, crop=False)
    return console.export_text()


def tick_labels(text):
    """The y tick labels (left of ┤) and the x tick labels (the line under the x axis)."""
    lines = text.splitlines()
    labels = re.findall(r"(\S+)┤", text)
    for i, line in enumerate(lines[:-1]):
        if "└" in line:
            labels += lines[i + 1].split()
    return labels


@pytest.mark.parametrize("kind", list(FIGURES))
def test_every_kind_draws_at_every_size(kind):
    fig = FIGURES[kind]
    for width, height in SIZES:
        text = text_of(rendering.render(fig, width, height, shown=2), max(width, 400))
        assert "could not be drawn" not in text and text.strip(), (kind, width, height)
        if rendering.fills(fig):
            lines = text.rstrip("\n").split("\n")
            assert len(lines) <= height, (kind, width, height, len(lines))
        if isinstance(fig, Plot) or isinstance(fig, Multiples) and not fig.maps:
            labels = tick_labels(text)
            assert labels, (kind, width, height)
            for label in labels:
                assert len(label) <= 10, (kind, width, height, label)
                float(label)  # a number, written whole


def test_plots_below_the_minimum_say_so():
    assert plots.TOO_SMALL in text_of(rendering.render(FIGURES["log line"], 19, 12), 40)
    assert plots.TOO_SMALL in text_of(rendering.render(FIGURES["small multiples"], 44, 5), 60)


def test_huge_values_get_short_ticks():
    text = text_of(rendering.render(FIGURES["huge values"], 44, 12), 44)
    labels = tick_labels(text)
    assert any(re.fullmatch(r"\d(\.\d)?e3\d", label) for label in labels), labels  # 8e37
    assert max(len(label) for label in labels) <= 7


def test_log_axis_ticks_are_powers_of_ten_or_round_values():
    text = text_of(
        rendering.render(
            rendering.curves_plot({"loss": curve(100, lambda i: 10 ** (-i / 20))}, logy=True), 60, 20
        ),
        60,
    )
    labels = re.findall(r"(\S+)┤", text)
    assert labels and all(re.fullmatch(r"1(e-?\d+)?|0\.0*1|10*", label) for label in labels), labels
    assert "y log scale" in text


def test_legend_is_below_the_data_and_names_each_marker():
    fig = FIGURES["line"]
    lines = text_of(rendering.render(fig, 60, 16), 60).rstrip("\n").split("\n")
    axis = max(i for i, line in enumerate(lines) if "└" in line)
    legend = "\n".join(lines[axis + 2 :])
    body = "\n".join(lines[:axis])
    assert "⠒⠒ loss" in legend and "•• val" in legend and "grey: last run" in legend
    assert "loss" not in body and "val" not in body  # never over the data
    assert "•" in body  # the second series' marker


def test_series_have_distinct_markers_and_colours():
    styles = plots.series_styles(
        [
            FIGURES["small multiples"].plots[0],
            Plot(
                [Series(f"s{i}", [0, 1], [0, 1], style="points" if i % 2 else "line") for i in range(6)],
                summary="",
            ),
        ]
    )
    own = [s for (name, faint), s in styles.items() if not faint]
    assert len({s.marker for s in own}) == len(own) and len({s.colour for s in own}) == len(own)


def test_small_multiples_page_when_small_and_keep_what_tells_them_apart():
    fig = FIGURES["small multiples"]
    assert plots.page_count(fig, 160, 48) == 1
    assert plots.page_count(fig, 44, 12) == 5  # one panel at a time
    assert plots.page_count(fig, 66, 24) == 2  # 2×2, then the fifth
    pages = [text_of(rendering.render(fig, 44, 12, page=p), 44) for p in range(5)]
    for k, text in enumerate(pages):
        assert f"panel {k + 1} of 5 · press . for the next" in text
        assert f"wd {[0, 0.001, 0.01, 0.1, 1][k]:g}:" in text and f"{6843 - 500 * k:,}" in text
    titles = [p.title for p in fig.plots]
    assert plots.short_titles(titles, 17)[1] == "wd 0.001: … 6,343"  # "validation" goes first
    assert plots.short_titles(titles, 16)[1] == "… 0.001: … 6,343"  # then "wd"
    assert len(set(plots.short_titles(titles, 16))) == 5


def test_short_titles_drop_shared_words_first():
    titles = [
        "no batch norm: best 3,100 at 49",
        "BN before ReLU: best 3,050 at 60",
        "BN after ReLU: best 3,200 at 41",
    ]
    short = plots.short_titles(titles, 28)
    assert short[1] == "BN before ReLU: … 3,050 at 60" or short[1] == "BN before ReLU: … 3,050 … 60"
    assert all(len(t) <= 28 for t in short)
    assert plots.short_titles(["Loss", "Slope (what training follows)"], 20)[0] == "Loss"


def numbers_in(text):
    return [float(t.replace(",", "")) for t in re.findall(r"-?\d[\d,]*\.?\d*(?:e-?\d+)?|inf", text)]


@pytest.mark.parametrize("width", [20, 30, 44, 52, 60, 80, 100, 160])
def test_tables_never_cut_a_number(width):
    fig = FIGURES["table"]
    lay = tables.layout(fig, width)
    text = text_of(rendering.render(fig, width, 20), 400)
    assert "…" not in text
    lines = text.split("─" * lay.width)[1].strip("\n").split("\n")
    rows = [line for line in lines if line[: lay.widths[0]].strip()]  # a row's first line
    assert len(rows) == len(fig.rows)
    for row, values, cells in zip(rows, fig.rows, lay.cells):
        for v, cell in zip(values, cells):
            if tables.is_number(v):
                assert f" {cell}" in f" {row}", (width, cell, row)  # whole, in its row
                assert float(cell.replace(",", "")) == pytest.approx(v, rel=5e-3)  # and honest
    if lay.width > width:
        assert rendering.render_width(fig, width) == lay.width > width  # wider: the panel scrolls
    else:
        assert max(len(line) for line in text.splitlines()) <= width


def test_tables_keep_numbers_apart_that_differ():
    fig = Table(["b"], [[35.0], [34.99995], [34.9998]], summary="")
    for width in (4, 10, 40):
        cells = [c[0] for c in tables.layout(fig, width).cells]
        assert len(set(cells)) == 3, cells


def test_short_numbers():  # a table's fewer digits are formatting.number's
    assert number(6.7109e8, 3) == "6.71e8" and number(0.6312345, 3) == "0.631"
    assert number(-3.2e-7, 3) == "-3.2e-7" and number(25.123, 4) == "25.12"
    assert number(12345, 3) == "12,345" and number(0.5, 6) == "0.5"


def test_images_shrink_so_several_fit_a_narrow_panel():
    fig = FIGURES["images"]
    for width, most in [(44, 14), (60, 14), (160, 14)]:
        text = text_of(rendering.render(fig, width, 47), 400)
        first = text.splitlines()[1]
        per_row = first.count(" ") if first.strip() else 0
        assert first.count("▀") // max(1, per_row) <= most and per_row >= 3, (width, first)
        assert max(len(line) for line in text.splitlines()) <= width
    big = text_of(rendering.render(fig, 160, 48), 400).splitlines()
    assert len(big) <= 48  # 24 digits fit 160×48 whole


def test_confusion_mistakes_are_coloured_on_their_own_scale():
    fig = FIGURES["confusion"]
    rendered = rendering.render(fig, 60, 16)
    assert "off the diagonal (mistakes) on their own scale, 0 → 0.03" in rendered.plain
    backgrounds = {}
    for span in rendered.spans:
        text = rendered.plain[span.start : span.end].strip()
        if text in ("0.00", "0.01", "0.02", "0.03"):
            backgrounds.setdefault(text, set()).add(str(span.style).split(" on ")[-1])
    assert len({min(b) for b in backgrounds.values()}) == 4  # four mistake sizes, four colours


def test_step_through_summary_waits_for_the_last_row():
    fig = FIGURES["step-through table"]
    assert rendering.figure_summary(fig, 1) == "step 1 of 4 — press . for the next"
    assert rendering.figure_summary(fig, 4) == "answers"
    text = text_of(rendering.render(fig, 60, 20, shown=2), 60)
    assert "0.6038" in text or "0.603789" in text
    assert "0.50452" not in text and "-0.39" not in text


MAP_SIZES = [
    (44, 12),
    (44, 10),
    (50, 14),
    (60, 16),
    (62, 16),
    (80, 20),
    (100, 30),
    (120, 36),
    (150, 40),
    (160, 48),
    (30, 20),
    (160, 8),
]  # 20 wide cuts a title: not here


@pytest.mark.parametrize("size", MAP_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_heat_map_multiples_side_by_side_else_stacked_else_paged_and_nothing_cut(size):
    width, height = size
    fig = FIGURES["heat-map multiples"]
    pages = plots.page_count(fig, width, height)
    seen = []
    for page in range(pages):
        text = text_of(rendering.render(fig, width, height, page=page), 400)
        lines = text.rstrip("\n").split("\n")
        assert len(lines) <= height and max(len(line) for line in lines) <= width, (size, page)
        assert "could not be drawn" not in text and "make the window larger" not in text
        titles = [t for t in ("the 91 training wines", "the 39 held-out wines") if t in text]
        seen += titles
        cols = plots.maps_layout(fig, width, height)[1]
        pw = (width - (cols - 1)) // cols
        columns = [
            " ".join(line[c * (pw + 1) : (c + 1) * (pw + 1)].strip() for line in lines) for c in range(cols)
        ]
        legends = sum(" ".join(column.split()).count("Points: o class 0, x class 1.") for column in columns)
        assert legends == len(titles), (size, page, columns)  # each panel's legend, whole
        assert ("of 2 · press . for the next" in text) == (pages > 1)
        if pages == 1 and width >= 62:  # side by side: one line has both titles
            assert any("training wines" in line and "held-out wines" in line for line in lines), size
    assert seen == ["the 91 training wines", "the 39 held-out wines"], (size, seen)
    wide, narrow_tall = plots.page_count(fig, 62, 16), plots.page_count(fig, 44, 24)
    assert (wide, narrow_tall, plots.page_count(fig, 44, 12)) == (1, 1, 2)


def test_small_multiples_are_plots_or_maps_not_both():
    heat, plot = FIGURES["heat-map multiples"].plots[0], FIGURES["small multiples"].plots[0]
    with pytest.raises(ValueError, match="all Plots or all Heatmaps"):
        Multiples([plot, heat], summary="")
    from tutor.figures import figure_from_json, figure_to_json

    again = figure_from_json(figure_to_json(FIGURES["heat-map multiples"]))
    assert again.maps and again.plots[0].z == heat.z
    assert again == FIGURES["heat-map multiples"]
