"""A lesson's charts, one at a time: a bar naming every chart (never cut: it wraps) above
the chart on show. `[` and `]` step through them (the lesson screen binds the keys)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Static

from tutor.lesson import Chart
from tutor.widgets.chart_view import ChartView


class ChartDeck(Vertical):
    DEFAULT_CSS = """
    ChartDeck { height: 1fr; }
    ChartDeck > .chart-bar { height: auto; max-height: 3; padding: 0 1; background: $boost; }
    ChartDeck > ContentSwitcher { height: 1fr; }
    """

    def __init__(self, charts: tuple[Chart, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.charts = charts
        self._active = charts[0].id if charts else ""

    def compose(self) -> ComposeResult:
        yield Static(self._bar(), classes="chart-bar")
        with ContentSwitcher(initial=f"chart-{self._active}" if self.charts else None):
            for chart in self.charts:
                yield ChartView(chart, id=f"chart-{chart.id}")

    @property
    def active(self) -> str:
        """The id of the chart on show."""
        return self._active

    @property
    def views(self) -> list[ChartView]:
        return list(self.query(ChartView))

    def view(self, chart_id: str | None = None) -> ChartView:
        return self.query_one(f"#chart-{chart_id or self._active}", ChartView)

    def show(self, chart_id: str) -> None:
        if chart_id not in [c.id for c in self.charts]:
            raise ValueError(f"no chart {chart_id!r}")
        self._active = chart_id
        self.query_one(ContentSwitcher).current = f"chart-{chart_id}"
        self.query_one(".chart-bar", Static).update(self._bar())

    def step(self, n: int) -> None:
        ids = [c.id for c in self.charts]
        if ids:
            self.show(ids[(ids.index(self._active) + n) % len(ids)])

    def on_resize(self) -> None:
        self.query_one(".chart-bar", Static).update(self._bar())

    def _bar(self) -> Text:
        """Every chart by number and title, the one on show marked ▸ and reversed (not by
        colour alone). When the titles do not fit on one line, the others by number only;
        the title on show is never cut (it wraps)."""
        if not self.charts:
            return Text("This lesson has no charts.", style="dim")
        keys = "   [ ] switch" if len(self.charts) > 1 else ""
        width = (self.size.width or 80) - 2
        whole = sum(len(c.title) + 4 for c in self.charts) + len(keys)
        bar = Text()
        for i, chart in enumerate(self.charts):
            if i:
                bar.append(" ")
            if chart.id == self._active:
                bar.append(f"▸{i + 1} {chart.title}", style="bold reverse")
            else:
                bar.append(f" {i + 1} {chart.title}" if whole <= width else f" {i + 1}", style="dim")
        if bar.cell_len + len(keys) <= width:
            bar.append(keys, style="dim italic")
        return bar
