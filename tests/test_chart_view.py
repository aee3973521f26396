"""ChartView in a headless app: redraws on resize from the data it had, pages small multiples,
steps through tables (scrolled to the row just shown, answers held back), scrolls wide
tables sideways, and summarises curves from the run's exact stats."""

import math

import pytest
from rich.console import Console
from textual.app import App, ComposeResult

from tutor import rendering
from tutor.course import Chart
from tutor.figures import CurveStats, Multiples, Plot, Series, Table
from tutor.formatting import number
from tutor.widgets.chart_view import ChartView, FigureView


class ChartApp(App):
    def __init__(self, chart: Chart):
        super().__init__()
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield ChartView(self.chart, id="view")


def drawn(view: FigureView) -> str:
    """What the figure view shows now, as plain text."""
    console = Console(width=max(1, view.size.width), record=True, color_system=None)
    console.print(view.render(), crop=False)
    return console.export_text()


def log_curves(n=200):
    return {
        "learned_mse": [(float(i), 600 * math.exp(-i / 20) + 18.68) for i in range(n)],
        "rule_mse": [(float(i), 26.5) for i in range(n)],
    }


@pytest.mark.asyncio
async def test_a_log_chart_redraws_when_it_shrinks_and_grows():
    """welcome: r, ], h shrank the log chart by two rows and it said "could not be drawn"."""
    app = ChartApp(Chart.line("learning", ["learned_mse", "rule_mse"], x="step", logy=True))
    async with app.run_test(size=(44, 18)) as pilot:
        view = app.query_one(ChartView)
        view.show_curves(log_curves())
        await pilot.pause()
        fv = view.figure_view
        for size in [(44, 18), (44, 16), (44, 15), (60, 20), (30, 10), (24, 9), (80, 24), (44, 18)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            text = drawn(fv)
            assert "could not be drawn" not in text, size
            assert "⠒⠒ learned_mse" in text, (size, text)
            assert "y log scale" in text or size[0] < 44, (size, text)
            assert len(text.rstrip("\n").split("\n")) == fv.size.height == size[1] - 3


@pytest.mark.asyncio
async def test_too_small_says_so_instead_of_drawing():
    app = ChartApp(Chart.line("learning", ["learned_mse"], x="step", logy=True))
    async with app.run_test(size=(18, 12)) as pilot:
        view = app.query_one(ChartView)
        view.show_curves(log_curves())
        await pilot.pause()
        assert "make the window larger to see this chart" in " ".join(drawn(view.figure_view).split())


def multiples(n=5):
    return Multiples(
        [
            Plot(
                [Series("val", [0, 1, 2], [3.0, 2.0, 2.5 + k])],
                summary="",
                title=f"wd {k}: validation {k * 100}",
            )
            for k in range(n)
        ],
        summary="five runs",
    )


@pytest.mark.asyncio
async def test_small_multiples_page_with_the_reveal_key_and_braces():
    app = ChartApp(Chart.figure("curves"))
    async with app.run_test(size=(44, 15)) as pilot:
        view = app.query_one(ChartView)
        view.show_figure(multiples())
        await pilot.pause()
        fv = view.figure_view
        assert fv.pages() == 5 and "panel 1 of 5" in drawn(fv) and "wd 0:" in drawn(fv)
        assert view.reveal_next()  # what the screen's "." calls
        await pilot.pause()
        assert "panel 2 of 5" in drawn(fv) and "wd 1:" in drawn(fv)
        view.query_one(".figure-scroll").focus()
        await pilot.press("}", "}")
        assert "wd 3:" in drawn(fv)
        await pilot.press("{")
        assert "wd 2:" in drawn(fv)
        assert view.summary_text == "five runs"
        await pilot.resize_terminal(160, 48)  # everything fits: one page, no pager
        await pilot.pause()
        assert fv.pages() == 1 and all(f"wd {k}:" in drawn(fv) for k in range(5))
        assert "press . for the next" not in drawn(fv)


@pytest.mark.asyncio
async def test_step_through_table_scrolls_to_each_row_and_holds_back_the_summary():
    rows = [[f"step {i}", "x · w", round(0.1 * i + 0.0123, 4)] for i in range(30)]
    app = ChartApp(Chart.figure("steps"))
    async with app.run_test(size=(60, 14)) as pilot:
        view = app.query_one(ChartView)
        view.show_figure(Table(["quantity", "how", "value"], rows, summary="the answers", reveal=True))
        await pilot.pause()
        scroll = view.query_one(".figure-scroll")
        assert view.summary_text == "step 1 of 30 — press . for the next"

        def row_visible(shown):
            last = number(rows[shown - 1][2])  # as the table writes it
            row_line = next(i for i, line in enumerate(drawn(view.figure_view).splitlines()) if last in line)
            return scroll.scroll_y <= row_line < scroll.scroll_y + scroll.scrollable_content_region.height

        for shown in range(2, 31):
            assert view.reveal_next()
            for _ in range(10):  # the scroll follows the next layout
                await pilot.pause(0.01)
            assert row_visible(shown), shown
            expected = "the answers" if shown == 30 else f"step {shown} of 30 — press . for the next"
            assert view.summary_text == expected
        assert not view.reveal_next() and not view.figure_view.turn_page(1)


@pytest.mark.asyncio
async def test_a_table_too_wide_for_the_panel_scrolls_sideways_whole():
    wide = Table(
        [f"column {j}" for j in range(12)],
        [[1234567.891 * (j + 1) + i for j in range(12)] for i in range(3)],
        summary="w",
    )
    app = ChartApp(Chart.figure("wide"))
    async with app.run_test(size=(44, 14)) as pilot:
        view = app.query_one(ChartView)
        view.show_figure(wide)
        await pilot.pause()
        fv, scroll = view.figure_view, view.query_one(".figure-scroll")
        assert fv.size.width == rendering.render_width(wide, 44) > 44
        assert scroll.max_scroll_x > 0
        text = drawn(fv)
        assert "…" not in text and "1.23e6" in text


@pytest.mark.asyncio
async def test_curve_summary_comes_from_the_runs_stats():
    app = ChartApp(Chart.line("loss", ["loss"]))
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ChartView)
        thinned = {"loss": [(0.0, 5.0), (500.0, 1.0), (999.0, 2.0)]}
        exact = {
            "loss": CurveStats(1000, last=(999.0, 2.0), lowest=(123.0, 0.5), highest=(0.0, 5.0)),
            "other": CurveStats(1, last=(0.0, 1.0), lowest=(0.0, 1.0), highest=(0.0, 1.0)),
        }
        view.show_curves(thinned, stats=exact)
        await pilot.pause()
        assert view.summary_text == "loss 2 at epoch 999 (lowest 0.5 at 123)"
