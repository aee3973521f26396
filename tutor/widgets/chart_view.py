"""One chart panel: live curves (plotext) or a figure the run showed, with a summary line."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static
from textual_plotext import PlotextPlot

from tutor import charts
from tutor.course import Chart
from tutor.figures import Heatmap, Table


class SafePlot(PlotextPlot):
    """A plotext plot whose drawing errors never reach the learner as a crash: a log scale
    plotext cannot draw falls back to linear; anything else becomes a one-line message."""

    def render(self):
        try:
            return super().render()
        except (ValueError, ZeroDivisionError, OverflowError, IndexError):
            try:
                self.plt.yscale("linear")
                return super().render()
            except Exception as exc:  # plotext internals: show, don't crash
                return Text(f"(this chart could not be drawn: {exc})")


class FigureView(Widget):
    """Draws a heat-map, table, text block or images, sized to the space it has."""

    DEFAULT_CSS = "FigureView { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.figure: Any = None
        self.shown = 1          # rows revealed of a step-through table

    def show(self, figure: Any) -> None:
        if figure is not self.figure:
            self.shown = 1
        self.figure = figure
        self.set_class(isinstance(figure, Heatmap), "-fill")
        self.refresh(layout=True)

    def render(self):
        if self.figure is None:
            return ""
        width = self.size.width or 80
        height = self.size.height if isinstance(self.figure, Heatmap) else 1000
        return charts.render(self.figure, width, max(6, height), self.shown)

    def reveal_next(self) -> bool:
        """Show one more row of a step-through table; False when there is none."""
        fig = self.figure
        if not isinstance(fig, Table) or not fig.reveal or self.shown >= len(fig.rows):
            return False
        self.shown += 1
        self.refresh(layout=True)
        return True


class ChartView(Vertical):
    """A lesson's chart: `line` charts draw logged metrics, `figure` charts what run.show sent."""

    def __init__(self, chart: Chart, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.chart = chart
        self.summary_text = "Press r to run; this chart fills in as the run goes."

    def compose(self) -> ComposeResult:
        yield SafePlot(classes="plot")
        with VerticalScroll(classes="figure-scroll"):
            yield FigureView(classes="figure")
        yield Static(self.summary_text, classes="chart-summary", markup=False)

    def on_mount(self) -> None:
        self._use_plotext(self.chart.kind == "line")

    def _use_plotext(self, on: bool) -> None:
        self.query_one(PlotextPlot).display = on
        self.query_one(".figure-scroll").display = not on

    def _set_summary(self, text: str) -> None:
        self.summary_text = text
        self.query_one(".chart-summary", Static).update(text, layout=False)   # fixed height

    def show_curves(self, curves: dict[str, list], previous: dict[str, list] | None = None) -> None:
        """Draw this chart's series from the run's logged curves (and the last run, faint)."""
        picked, picked_previous = self.chart.pick(curves), self.chart.pick(previous or {})
        plot = self.query_one(PlotextPlot)
        charts.draw_curves(plot.plt, picked, title="", xlabel=self.chart.x,
                           logy=self.chart.logy, previous=picked_previous,
                           width=max(20, plot.size.width))
        plot.refresh()
        summary = charts.curve_summary(picked, self.chart.x)
        if picked_previous and picked:
            summary += " · grey: last run"
        self._set_summary(summary if picked else self.summary_text)

    def show_figure(self, figure: Any) -> None:
        if charts.uses_plotext(figure):
            self._use_plotext(True)
            plot = self.query_one(PlotextPlot)
            charts.draw_plot(plot.plt, figure, width=max(20, plot.size.width))
            plot.refresh()
        else:
            self._use_plotext(False)
            self.query_one(FigureView).show(figure)
        self._set_summary(figure.summary)

    def reveal_next(self) -> bool:
        return self.query_one(FigureView).reveal_next()

    def clear(self, message: str) -> None:
        plot = self.query_one(PlotextPlot)
        plot.plt.clear_figure()
        plot.refresh()
        self._set_summary(message)

    def mark_previous(self, label: str) -> None:
        """Say that what is drawn comes from an earlier run (e.g. after a restart)."""
        self._set_summary(f"{label}: {self.summary_text}")
