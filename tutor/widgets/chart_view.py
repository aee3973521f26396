"""One chart panel: live curves or a figure the run showed, drawn for the space it has, with
a summary line.

Every figure (plots too) is drawn by `rendering.render` from the data it last had, at the size
the panel has now: a resize redraws it. Plots and heat-maps fill the panel; tables, text and
images take the length (and a table that cannot fit, the width) they need, and the panel
scrolls both ways.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from tutor import rendering
from tutor.figures import CurveStats, Multiples, Table
from tutor.lesson import Chart
from tutor.plots import page_count


class FigureView(Widget):
    """Draws any figure for the size it has."""

    DEFAULT_CSS = """
    FigureView { height: auto; width: auto; }
    FigureView.-fill { height: 1fr; width: 1fr; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.figure: Any = None
        self.shown = 1  # rows revealed of a step-through table
        self.page = 0  # which panels of small multiples that do not all fit

    def show(self, figure: Any) -> None:
        if figure is not self.figure:
            self.shown = 1
        self.figure = figure
        fill = rendering.fills(figure)
        # a plot redrawn in place needs no new layout (a reflow of the screen costs the most
        # during a run); a table or text may change length, and a change of kind, size
        relayout = not fill or not self.has_class("-fill")
        self.set_class(fill, "-fill")
        self.refresh(layout=relayout)

    def _room(self) -> Size:
        """The space the panel gives (the scroll's viewport), not the figure's own size."""
        parent = self.parent
        return parent.scrollable_content_region.size if isinstance(parent, Widget) else self.size

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.figure is None:
            return container.width
        return rendering.render_width(self.figure, container.width)

    def render(self):
        if self.figure is None:
            return ""
        fill = rendering.fills(self.figure)
        width = self.size.width or self._room().width or 80
        height = self.size.height if fill else self._room().height
        try:
            return rendering.render(self.figure, width, max(1, height), self.shown, self.page)
        except Exception as exc:  # a drawing bug must not end the app: say it, in place
            return f"(this chart could not be drawn: {exc})"

    def on_resize(self) -> None:
        self.refresh()  # drawn again from the figure, for the new size

    def pages(self) -> int:
        fig = self.figure
        if not isinstance(fig, Multiples):
            return 1
        return page_count(fig, self.size.width, self.size.height)

    def reveal_next(self) -> bool:
        """Show one more row of a step-through table; False when there is none."""
        fig = self.figure
        if not isinstance(fig, Table) or not fig.reveal or self.shown >= len(fig.rows):
            return False
        self.shown += 1
        self.refresh(layout=True)
        return True

    def turn_page(self, step: int) -> bool:
        """Show the next (or previous) panels of small multiples; False when all show."""
        pages = self.pages()
        if pages <= 1:
            return False
        self.page = (self.page + step) % pages
        self.refresh()
        return True


class ChartView(Vertical):
    """A lesson's chart: `line` charts draw logged metrics, `figure` charts what run.show sent.

    `.` (the screen's reveal key, through `reveal_next`) shows a step-through table's next row
    or small multiples' next panels; with the chart focused, `{` and `}` page panels back and
    forth."""

    DEFAULT_CSS = """
    ChartView { height: 1fr; }
    ChartView > .figure-scroll { height: 1fr; overflow: auto auto; }
    ChartView > .chart-summary { height: 3; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("{", "turn_page(-1)", "Previous panels", show=False),
        Binding("}", "turn_page(1)", "Next panels", show=False),
    ]

    def __init__(self, chart: Chart, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.chart = chart
        self.summary_text = "Press r to run; this chart fills in as the run goes."

    def compose(self) -> ComposeResult:
        with ScrollableContainer(classes="figure-scroll"):
            yield FigureView(classes="figure")
        yield Static(self.summary_text, classes="chart-summary", markup=False)

    @property
    def figure_view(self) -> FigureView:
        return self.query_one(FigureView)

    def _set_summary(self, text: str) -> None:
        self.summary_text = text
        self.query_one(".chart-summary", Static).update(text, layout=False)  # fixed height

    def show_curves(
        self,
        curves: dict[str, list],
        previous: dict[str, list] | None = None,
        stats: dict[str, CurveStats] | None = None,
    ) -> None:
        """Draw this chart's series from the run's logged curves (and the last run, faint);
        `stats` (the run's, over every point logged) make the summary exact."""
        picked, picked_previous = self.chart.pick(curves), self.chart.pick(previous or {})
        if picked or picked_previous:
            self.figure_view.show(
                rendering.curves_plot(
                    picked, xlabel=self.chart.x, logy=self.chart.logy, previous=picked_previous
                )
            )
        summary = rendering.curve_summary(picked, self.chart.x, stats=self.chart.pick(stats or {}))
        if picked_previous and picked:
            summary += " · grey: last run"
        self._set_summary(summary if picked else self.summary_text)

    def show_figure(self, figure: Any) -> None:
        view = self.figure_view
        view.show(figure)
        self._set_summary(rendering.figure_summary(figure, view.shown))

    def reveal_next(self) -> bool:
        """The next row of a step-through table (scrolled into view, its summary kept back
        until the last row), or the next panels of small multiples; False if neither."""
        view = self.figure_view
        if view.reveal_next():
            self._set_summary(rendering.figure_summary(view.figure, view.shown))
            # after the layout that makes the table a row longer, to the new end
            self.call_after_refresh(self.query_one(".figure-scroll").scroll_end, animate=False, x_axis=False)
            return True
        return view.turn_page(1)

    def action_turn_page(self, step: int) -> None:
        if not self.figure_view.turn_page(step):
            self.notify("All of this chart's panels are shown.", timeout=2)

    def clear(self, message: str) -> None:
        view = self.figure_view
        view.figure = None
        view.set_class(False, "-fill")
        view.refresh(layout=True)
        self._set_summary(message)

    def mark_previous(self, label: str) -> None:
        """Say that what is drawn comes from an earlier run (e.g. after a restart)."""
        self._set_summary(f"{label}: {self.summary_text}")
