"""Plots and small multiples, drawn with plotext for the space they get, as Rich text.

Everything that depends on the size is decided here, at each drawing, from the figure's data:
ticks (round values, short labels: `tick_label`), the log axis (done here: plotext's own log
axis rewrites the data in place, so a second build of the same figure, e.g. after a resize,
failed), how many small-multiple panels fit (the rest are paged), each panel's title (what
tells the panels apart is kept), and the legend, which goes on its own lines below the plot,
never over the data. Each series has its own marker as well as its own colour.
No Textual import here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from plotext._figure import _figure_class as PlotextFigure  # one independent figure per build
from rich.text import Text

from tutor.figures import Multiples, Plot, Series, downsample

MIN_WIDTH, MIN_HEIGHT = 20, 6  # below this a plot says TOO_SMALL instead
TOO_SMALL = "make the window larger to see this chart"
PANEL_WIDTH, PANEL_HEIGHT = 30, 8  # small multiples: the least a panel gets
COLOURS = ["#1f9fd0", "#e07b00", "#2ca02c", "#c03cc0", "#5a6fe0", "#d62728", "#b8a000", "#17becf"]
FAINT = "#808080"
MARKERS = ["braille", "•", "x", "+", "*", "o", "#", "@"]  # plotext markers, one per series
LEGEND_GLYPH = {"braille": "⠒⠒"}  # others show as themselves, twice
MAX_TICK = 7  # characters in a tick label, at most


# --------------------------------------------------------------------------- ticks


def tick_label(v: float, step: float) -> str:
    """A tick value in at most ~7 characters: 0.05, 250, 12000, 1.5e38, -2e-05 -> -2e-5."""
    if v == 0:
        return "0"
    big = max(abs(v), abs(step))
    if big >= 1e5 or abs(step) < 1e-3:
        digits = max(0, min(3, _decimals(step / 10 ** math.floor(math.log10(big)))))
        mantissa, exponent = f"{v:.{digits}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    return f"{v:.{_decimals(step)}f}"


def _decimals(step: float) -> int:
    """Decimals needed to tell ticks `step` apart (0.25 -> 2, 0.5 -> 1, 5 -> 0)."""
    for d in range(0, 12):
        if abs(round(step, d) - step) <= abs(step) * 1e-6:
            return d
    return 12


def nice_ticks(lo: float, hi: float, most: int) -> tuple[list[float], float]:
    """At most `most` (>= 2) round values in [lo, hi] (1, 2, 2.5 or 5 times a power of ten
    apart), and that step. A flat range gets the value itself."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [], 1.0
    if hi <= lo:
        return [lo], max(abs(lo), 1.0)
    most = max(2, most)
    raw = (hi - lo) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        step = m * power
        first = math.ceil(lo / step - 1e-9)
        ticks = [k * step for k in range(first, math.floor(hi / step + 1e-9) + 1)]
        if len(ticks) <= most:
            break
    return [0.0 if abs(t) < step * 1e-9 else t for t in ticks], step


def axis_ticks(lo: float, hi: float, most: int, log: bool = False) -> tuple[list[float], list[str]]:
    """Tick positions and labels for an axis over [lo, hi]; with `log`, lo and hi are
    log10 values and the labels show the values themselves (powers of ten when the range
    spans them, else round values in between)."""
    if not log:
        ticks, step = nice_ticks(lo, hi, most)
        return ticks, [tick_label(t, step) for t in ticks]
    decades = list(range(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1))
    if len(decades) >= 2:
        every = math.ceil(len(decades) / max(2, most))
        picked = decades[::every]
        labels = [tick_label(10.0**k, 10.0**k) for k in picked]
        if any("e" in label for label in labels):  # all as powers of ten, alike
            labels = [f"1e{k}" if k else "1" for k in picked]
        return [float(k) for k in picked], labels
    values = [
        m * 10.0**k
        for k in range(math.floor(lo) - 1, math.ceil(hi) + 1)
        for m in (1, 2, 5)
        if lo - 1e-9 <= math.log10(m) + k <= hi + 1e-9
    ]  # 1-2-5 within the range
    while len(values) > max(2, most):
        values = values[::2]
    if len(values) >= 2:
        return [math.log10(v) for v in values], [tick_label(v, v) for v in values]
    ticks, step = nice_ticks(10**lo, 10**hi, most)
    ticks = [t for t in ticks if t > 0]
    return [math.log10(t) for t in ticks], [tick_label(t, step) for t in ticks]


# --------------------------------------------------------------------------- legend


@dataclass
class Style:
    colour: str
    marker: str


def series_styles(plots: Sequence[Plot]) -> dict[tuple[str, bool], Style]:
    """One colour and marker per series name across all panels, so "validation" looks the
    same in each. A faint series (a previous run) takes the marker of its namesake, in grey."""
    styles: dict[tuple[str, bool], Style] = {}
    used = 0
    for faint_pass in (False, True):
        for plot in plots:
            for s in plot.series:
                key = (s.name, s.faint)
                if s.faint != faint_pass or key in styles:
                    continue
                if s.faint:
                    twin = styles.get((_base_name(s.name), False))
                    marker = twin.marker if twin else MARKERS[(used + 1) % len(MARKERS)]
                    styles[key] = Style(FAINT, marker)
                    continue
                marker = MARKERS[used % len(MARKERS)]
                if s.style == "points" and marker == "braille":  # a braille dot is too small
                    used += 1
                    marker = MARKERS[used % len(MARKERS)]
                styles[key] = Style(COLOURS[used % len(COLOURS)], marker)
                used += 1
    return styles


def _base_name(name: str) -> str:
    return name.removesuffix(" (last run)")


def legend_entries(
    plots: Sequence[Plot], styles: dict[tuple[str, bool], Style], logy_dropped: bool
) -> list[Text]:
    entries, seen = [], set()
    faint_twins = False
    for plot in plots:
        for s in plot.series:
            key = (s.name, s.faint)
            if key in seen:
                continue
            seen.add(key)
            if s.faint and (_base_name(s.name), False) in styles:
                faint_twins = True  # "grey: last run", once, below
                continue
            st = styles[key]
            glyph = LEGEND_GLYPH.get(st.marker, st.marker * 2)
            entries.append(Text.assemble((glyph, st.colour), " " + s.name))
    if faint_twins:
        entries.append(Text.assemble(("grey", FAINT), ": last run"))
    vline_names = sorted({label for plot in plots for _, label in plot.vlines if label})
    if vline_names:
        entries.append(Text.assemble(("│", FAINT), " " + ", ".join(vline_names)))
    xlabels = {p.xlabel for p in plots if p.xlabel}
    ylabels = {p.ylabel for p in plots if p.ylabel}
    axes = []
    if len(xlabels) == 1:
        axes.append(f"x: {xlabels.pop()}")
    if len(ylabels) == 1:
        axes.append(f"y: {ylabels.pop()}")
    if any(p.logy for p in plots):
        axes.append("y linear (some values ≤ 0)" if logy_dropped else "y log scale")
    if axes:
        entries.append(Text(", ".join(axes), style="dim"))
    return entries


def _split_at_spaces(entry: Text, width: int) -> list[Text]:
    """An entry as pieces of at most `width` cells, cut at spaces where it can be (a series
    named after a whole formula must not lose its end)."""
    plain, offsets, start = entry.plain, [], 0
    while len(plain) - start > width:
        space = plain.rfind(" ", start + 1, start + width + 1)
        cut = space + 1 if space > start else start + width
        offsets.append(cut)
        start = cut
    if not offsets:
        return [entry.copy()]
    pieces = list(entry.divide(offsets))
    for piece in pieces:
        piece.rstrip()  # (in place) the space a line was cut at
    return pieces


def wrap_entries(entries: list[Text], width: int, most_lines: int) -> list[Text]:
    """Legend entries on lines of `width`, two spaces apart; at most `most_lines` lines
    (the last ends in … when some do not fit)."""
    lines: list[Text] = []
    line = Text()
    for entry in entries:
        pieces = _split_at_spaces(entry, width)
        if len(pieces) > 1:  # wider than a line: on lines of its own
            if line.cell_len:
                lines.append(line)
            lines.extend(pieces[:-1])
            line = Text()
        entry = pieces[-1]
        if line.cell_len and line.cell_len + 2 + entry.cell_len > width:
            lines.append(line)
            line = Text()
        if line.cell_len:
            line.append("  ")
        line.append_text(entry)
    if line.cell_len:
        lines.append(line)
    if len(lines) > most_lines:
        lines = lines[:most_lines]
        last = lines[-1]
        if last.cell_len >= width:
            last.truncate(width - 1)
        last.append("…")
    return lines


# --------------------------------------------------------------------------- titles


def short_titles(titles: Sequence[str], width: int) -> list[str]:
    """Panel titles that fit `width` and still tell the panels apart: words shared by every
    title (in the same place, from the start or the end) give way first, longest first, each
    to "…"; only then is a title cut at its end."""
    words = [t.split(" ") for t in titles]
    common: set[tuple[str, int]] = set()  # ("start", i) / ("end", i) / ("at", i)
    if len(titles) > 1:
        shortest = min(len(w) for w in words)
        for i in range(shortest):
            if all(w[i] == words[0][i] for w in words):
                common.add(("start", i))
            if all(w[-1 - i] == words[0][-1 - i] for w in words):
                common.add(("end", i))
        if len({len(w) for w in words}) == 1:
            common |= {("at", i) for i in range(shortest) if all(w[i] == words[0][i] for w in words)}

    def index(w: list[str], place: tuple[str, int]) -> int:
        kind, i = place
        return len(w) - 1 - i if kind == "end" else i

    order = sorted(common, key=lambda c: -len(words[0][index(words[0], c)]))
    dropped: list[tuple[str, int]] = []
    while True:
        out = []
        for w in words:
            gone = {index(w, c) for c in dropped}
            kept: list[str] = []
            for i, word in enumerate(w):
                if i not in gone:
                    kept.append(word)
                elif not kept or kept[-1] != "…":
                    kept.append("…")
            out.append(" ".join(kept))
        if all(len(t) <= width for t in out) or len(dropped) == len(order):
            break
        dropped.append(order[len(dropped)])
    return [t if len(t) <= width else t[: max(0, width - 1)] + "…" for t in out]


# --------------------------------------------------------------------------- drawing


def _finite(s: Series, log: bool) -> tuple[list[float], list[float]]:
    pts = [
        (x, y)
        for x, y in zip(s.x, s.y)
        if isinstance(y, (int, float)) and math.isfinite(y) and math.isfinite(x)
    ]
    if log:
        pts = [(x, math.log10(y)) for x, y in pts if y > 0]
    return [p[0] for p in pts], [p[1] for p in pts]


def uses_log(plot: Plot) -> bool:
    """A log y axis where asked and every value is above zero."""
    return plot.logy and all(
        v > 0 for s in plot.series for v in s.y if isinstance(v, (int, float)) and math.isfinite(v)
    )


def draw_panel(plot: Plot, width: int, height: int, styles: dict[tuple[str, bool], Style]) -> Text:
    """One plot's axes and data (no title, no legend) in exactly width × height cells."""
    log = uses_log(plot)
    canvas_w = max(4, width - MAX_TICK - 2)
    data = []
    for s in plot.series:
        xs, ys = _finite(s, log)
        if s.style == "line" and len(xs) > 2 * canvas_w:
            pts = downsample(list(zip(xs, ys)), 2 * canvas_w)
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        if xs:
            data.append((s, xs, ys))
    if not data:
        return _blank("no values yet", width, height)
    all_x = [x for _, xs, _ in data for x in xs] + [v for v, _ in plot.vlines]
    all_y = [y for _, _, ys in data for y in ys]
    x0, x1 = min(all_x), max(all_x)
    y0, y1 = min(all_y), max(all_y)
    if plot.ylim:
        lo, hi = plot.ylim
        if log:
            lo, hi = (math.log10(lo) if lo > 0 else y0), (math.log10(hi) if hi > 0 else y1)
        y0, y1 = lo, hi
    if y1 <= y0:  # a flat line: give it some room
        pad = abs(y0) * 0.1 if y0 else (0.5 if not log else 0.1)
        y0, y1 = y0 - pad, y1 + pad
    if x1 <= x0:
        x0, x1 = x0 - 0.5, x1 + 0.5
    rows = height - 2  # the canvas: less the x axis and its ticks
    yt, yl = axis_ticks(y0, y1, max(2, min(6, rows // 3 + 1)), log)
    label_w = max((len(label) for label in yl), default=1)
    cols = width - label_w - 1
    xt, xl = axis_ticks(x0, x1, max(2, min(8, cols // 9)))

    fig = PlotextFigure()
    fig.theme("clear")
    fig._limit_size(False, False)  # not capped at this process's terminal
    fig.plotsize(width, height)
    fig._set_size(width, height)  # as textual-plotext does, to be sure
    fig.xaxes(True, False)
    fig.yaxes(True, False)
    for s, xs, ys in data:
        st = styles[(s.name, s.faint)]
        colour = _rgb(st.colour)
        if s.style == "points":
            fig.scatter(xs, ys, color=colour, marker=st.marker)
        else:
            fig.plot(xs, ys, color=colour, marker=st.marker)
    for xv, _ in plot.vlines:
        if x0 <= xv <= x1:
            fig.vline(xv, _rgb(FAINT))
    fig.xlim(x0, x1)
    fig.ylim(y0, y1)
    fig.xticks(xt, xl)
    fig.yticks(yt, yl)
    return exact(Text.from_ansi(fig.build()), width, height)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _blank(message: str, width: int, height: int) -> Text:
    lines = [""] * height
    lines[height // 2] = message[:width].center(width)
    return Text("\n".join(lines), style="dim")


def exact(text: Text, width: int, height: int) -> Text:
    """The text as exactly `height` lines of `width` cells."""
    lines = text.split("\n", allow_blank=True)[:height]
    lines += [Text("")] * (height - len(lines))
    for line in lines:
        line.truncate(width, pad=True)
    return Text("\n").join(lines)


@dataclass
class Plan:
    """How a Plot or small multiples use width × height cells."""

    plots: list[Plot]
    styles: dict[tuple[str, bool], Style]
    title: str
    legend: list[Text]
    cols: int
    rows: int
    per_page: int
    page: int

    @property
    def pages(self) -> int:
        return -(-len(self.plots) // self.per_page)


def plan(fig: Plot | Multiples, width: int, height: int, page: int = 0) -> Plan:
    plots = fig.plots if isinstance(fig, Multiples) else [fig]
    styles = series_styles(plots)
    dropped = any(p.logy and not uses_log(p) for p in plots)
    entries = legend_entries(plots, styles, dropped)
    title = fig.title if height >= 14 else ""
    n, most = len(plots), max(1, (height - 4) // 2)  # legend lines: up to about half

    def layout(extra: list[Text]) -> tuple[list[Text], tuple[int, int, int]]:
        legend = wrap_entries(entries + extra, width, most + len(extra))
        return legend, panel_layout(
            n, width, height - len(legend) - bool(title), fig.cols if isinstance(fig, Multiples) else 1
        )

    legend, (cols, rows, per_page) = layout([])
    page = 0 if per_page >= n else page
    if per_page < n:  # paged: which panels these are, on the legend's lines
        legend, (cols, rows, per_page) = layout([pager_text(n, n, n)])
        page %= -(-n // per_page)
        legend = wrap_entries(
            entries + [pager_text(page * per_page + 1, min(n, (page + 1) * per_page), n)], width, most + 1
        )
    return Plan(plots, styles, title, legend, cols, rows, per_page, page)


def page_count(fig: Plot | Multiples, width: int, height: int) -> int:
    """How many pages of panels the figure takes at this size (1: all panels show)."""
    if width < MIN_WIDTH or height < MIN_HEIGHT or not isinstance(fig, Multiples) or not fig.plots:
        return 1
    if fig.maps:
        return maps_layout(fig, width, height)[4]
    return plan(fig, width, height).pages


def maps_layout(fig: Multiples, width: int, height: int) -> tuple[str, int, int, int, int, int]:
    """(title, cols, rows, panels per page, pages, pager lines) for small multiples of
    heat-maps: side by side when each gets PANEL_WIDTH columns, else stacked, else paged
    (the pager's words on their own lines below)."""
    title = fig.title if height >= 14 else ""
    n = len(fig.plots)
    cols, rows, per_page = panel_layout(n, width, height - bool(title), fig.cols)
    pager_h = 0
    if per_page < n:
        pager_h = len(wrap_entries([pager_text(n, n, n)], width, 2))
        cols, rows, per_page = panel_layout(n, width, height - bool(title) - pager_h, fig.cols)
    return title, cols, rows, per_page, -(-n // per_page), pager_h


def render_plot(fig: Plot | Multiples, width: int, height: int, page: int = 0) -> Text:
    """A Plot or small multiples in width × height cells: title, panels, legend below."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return Text(TOO_SMALL if width >= 12 else "too small", style="dim")
    if isinstance(fig, Multiples) and not fig.plots:
        return Text("no plots", style="dim")
    p = plan(fig, width, height, page)
    out = Text()
    if p.title:
        out.append_text(exact(Text(p.title, style="bold"), width, 1))
        out.append("\n")
    body_h = height - len(p.legend) - bool(p.title)
    first = p.page * p.per_page
    shown = p.plots[first : first + p.per_page]
    if isinstance(fig, Multiples):
        out.append_text(
            _grid(shown, [q.title for q in p.plots], first, p.cols, p.rows, width, body_h, p.styles)
        )
    else:
        out.append_text(draw_panel(fig, width, body_h, p.styles))
    for line in p.legend:
        out.append("\n")
        out.append_text(line)
    return out


def pager_text(first: int, last: int, n: int) -> Text:
    shown = f"panels {first}–{last}" if last > first else f"panel {first}"
    return Text(f"{shown} of {n} · press . for the next", style="bold")


def panel_layout(n: int, width: int, height: int, preferred_cols: int = 0) -> tuple[int, int, int]:
    """(cols, rows, panels per page) for n panels: at most as many as fit with at least
    PANEL_WIDTH × PANEL_HEIGHT cells each (one when even that does not fit)."""
    fit_cols = max(1, (width + 1) // (PANEL_WIDTH + 1))
    fit_rows = max(1, height // PANEL_HEIGHT)
    preferred = preferred_cols or (n if n <= 3 else math.ceil(math.sqrt(n)))
    cols = max(1, min(preferred, fit_cols, n))
    rows = min(-(-n // cols), fit_rows)
    if cols * rows < n:  # more panels than fit: use every column
        cols = max(1, min(fit_cols, n))
        rows = min(-(-n // cols), fit_rows)
    return cols, rows, cols * rows


def _grid(
    shown: list[Plot],
    all_titles: list[str],
    first: int,
    cols: int,
    rows: int,
    width: int,
    height: int,
    styles: dict[tuple[str, bool], Style],
) -> Text:
    pw = (width - (cols - 1)) // cols
    ph = height // rows
    titles = short_titles(all_titles, pw)[first : first + len(shown)]
    grid_rows = []
    for r in range(rows):
        cells = []
        for c in range(cols):
            i = r * cols + c
            if i < len(shown):
                cell = Text(titles[i].center(pw), style="bold")
                cell.append("\n")
                cell.append_text(draw_panel(shown[i], pw, ph - 1, styles))
            else:
                cell = Text("")
            cells.append(exact(cell, pw, ph).split("\n", allow_blank=True))
        for line_no in range(ph):
            grid_rows.append(Text(" ").join(cell[line_no] for cell in cells))
    grid_rows += [Text("")] * (height - len(grid_rows))
    return exact(Text("\n").join(grid_rows), width, height)
