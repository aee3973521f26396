"""Rendering: figures (tutor.figures) and logged curves -> Rich renderables sized to the space they get.

`render(figure, width, height)` is the one entry: plots and small multiples of plots are drawn
with plotext (tutor.plots), tables by tutor.tables, heat-maps (alone or as small multiples),
bars, text and images here. Every drawing is made from the figure's data at the size asked,
so a resize just draws again. Also the one-line summaries of curves. No Textual import here.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from rich.text import Text

from tutor import figures
from tutor.formatting import number
from tutor.plots import (
    COLOURS,
    MIN_HEIGHT,
    MIN_WIDTH,
    TOO_SMALL,
    exact,
    maps_layout,
    pager_text,
    render_plot,
    short_titles,
    wrap_entries,
)
from tutor.tables import render_table, table_width

GLYPHS = ["o", "x", "+", "*", "#", "@", "%", "&"]  # one per class, never colour alone


# --------------------------------------------------------------------------- line charts


def curve_summary(
    curves: dict[str, list[tuple[float, float]]],
    x: str = "epoch",
    stats: dict[str, figures.CurveStats] | None = None,
) -> str:
    """One line in words: each series' last value and where it was lowest. From `stats`
    (kept over every point logged) where given, else from the points themselves."""

    def step(v: float) -> str:  # whole steps as such (fractional ones rounded from 1 up)
        return number(int(round(v))) if abs(v) >= 1 or float(v).is_integer() else number(v)

    parts = []
    for name, pts in curves.items():
        st = (stats or {}).get(name) or figures.CurveStats().add(pts)
        if st.last is None:
            continue
        (last_x, last_y), (lo_x, lo_y) = st.last, st.lowest
        part = f"{name} {number(last_y)} at {x} {step(last_x)}"
        if lo_y < last_y and number(lo_y) != number(last_y):  # lower as written, not by 1e-12
            word = "at" if abs(lo_x) < 1 or float(lo_x).is_integer() else "near"
            part += f" (lowest {number(lo_y)} {word} {step(lo_x)})"
        parts.append(part)
    return "; ".join(parts) if parts else "no values yet"


def curves_plot(
    curves: dict[str, list[tuple[float, float]]],
    *,
    xlabel: str = "epoch",
    logy: bool = False,
    previous: dict[str, list[tuple[float, float]]] | None = None,
) -> figures.Plot:
    """Logged metrics as a Plot of lines; `previous` (the last run) first, drawn grey."""
    series = [
        figures.Series(
            f"{name} (last run)" if faint else name, [p[0] for p in pts], [p[1] for p in pts], faint=faint
        )
        for faint, group in ((True, previous or {}), (False, curves))
        for name, pts in group.items()
        if pts
    ]
    return figures.Plot(series, summary="", xlabel=xlabel, logy=logy)


def render_bars(fig: figures.Bars, width: int) -> Text:
    """Horizontal bars with their values written beside them (log scale when asked)."""
    out = Text()
    if fig.title:
        out.append(fig.title + "\n", style="bold")
    if not fig.values:
        return out
    label_w = min(24, max(len(label) for label in fig.labels))
    texts = [f"{number(v)}{(' ' + fig.unit) if fig.unit else ''}" for v in fig.values]
    bar_w = max(5, width - label_w - max(len(t) for t in texts) - 3)
    positive = [v for v in fig.values if v > 0]
    if fig.log and positive:
        lo, hi = math.log10(min(positive)) - 1, math.log10(max(positive))
        scale = [(math.log10(v) - lo) / ((hi - lo) or 1) if v > 0 else 0.0 for v in fig.values]
    else:
        top = max((abs(v) for v in fig.values), default=1.0) or 1.0
        scale = [abs(v) / top for v in fig.values]
    for i, (label, t, frac) in enumerate(zip(fig.labels, texts, scale)):
        n = round(frac * bar_w * 8)
        bar = "█" * (n // 8) + (" ▏▎▍▌▋▊▉"[n % 8] if n % 8 else "")
        out.append(f"{label:>{label_w}.{label_w}} ")
        out.append(bar or "▏", style=COLOURS[i % len(COLOURS)])
        out.append(f" {t}\n")
    if fig.log:
        out.append("(log scale: each bar's length grows with the number of digits)", style="dim")
    return out


# --------------------------------------------------------------------------- heat-maps

# Colour ramps (256-colour safe hex values). Sequential: dark -> bright; diverging: blue ->
# white -> red; classes: one pale hue per class (points carry a glyph as well as a colour).
_SEQ = [
    "#0d0887",
    "#41049d",
    "#6a00a8",
    "#8f0da4",
    "#b12a90",
    "#cc4778",
    "#e16462",
    "#f2844b",
    "#fca636",
    "#fcce25",
    "#f0f921",
]
_DIV = [
    "#3b4cc0",
    "#5977e3",
    "#7b9ff9",
    "#9ebeff",
    "#c0d4f5",
    "#dddddd",
    "#f2cbb7",
    "#f7ac8e",
    "#ee8468",
    "#d65244",
    "#b40426",
]
_CLASS_BG = ["#2b4f81", "#7f3b2b", "#2f6b3a", "#6b4a8a", "#806b1f", "#1f6b6b", "#6b1f4f", "#4f4f4f"]


def _ramp(palette: str) -> list[str]:
    return _DIV if palette == "diverging" else _SEQ


def _blend(c1: str, c2: str, t: float) -> str:
    a = [int(c1[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(c2[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def _resample(values: list[float], n: int) -> list[int]:
    """Indices of `values` (a sorted axis) nearest to n evenly spaced positions."""
    if len(values) <= 1:
        return [0] * n
    return [min(len(values) - 1, round(i * (len(values) - 1) / max(1, n - 1))) for i in range(n)]


def render_heatmap(fig: figures.Heatmap, width: int, height: int) -> Text:
    """A character grid: cell colour = value, glyphs = data points and marks, a legend line."""
    if fig.row_labels or fig.col_labels:
        return _render_matrix(fig, width, height)
    label_w = 8
    values = [v for row in fig.z for v in row if isinstance(v, (int, float)) and math.isfinite(v)]
    tf = (lambda v: math.log10(v) if v > 0 else float("-inf")) if fig.log else (lambda v: v)
    tvals = [tf(v) for v in values if not fig.log or v > 0]
    lo = fig.vmin if fig.vmin is not None else (min(tvals) if tvals else 0.0)
    hi = fig.vmax if fig.vmax is not None else (max(tvals) if tvals else 1.0)
    span = (hi - lo) or 1.0
    legend = _heatmap_legend(fig, lo, hi, width, max(1, height - 3 - bool(fig.title)))
    cols = max(4, min(width - label_w - 1, len(fig.xs) if len(fig.xs) > 1 else width))
    rows = max(2, min(height - 1 - len(legend) - bool(fig.title), len(fig.ys)))
    xi, yi = _resample(fig.xs, cols), _resample(fig.ys, rows)

    def colour(v: float) -> str:
        if not (isinstance(v, (int, float)) and math.isfinite(v)):
            return "#000000"
        if fig.palette == "classes":
            k = int(v) if float(v).is_integer() and (fig.vmax or 1) > 1 else None
            if k is not None:
                return _CLASS_BG[k % len(_CLASS_BG)]
            return _blend(_CLASS_BG[0], _CLASS_BG[1], min(1.0, max(0.0, v)))  # P(class 1)
        t = min(1.0, max(0.0, (tf(v) - lo) / span))
        ramp = _ramp(fig.palette)
        return ramp[round(t * (len(ramp) - 1))]

    x0, x1 = fig.xs[0], fig.xs[-1]
    y0, y1 = fig.ys[0], fig.ys[-1]

    def cell(x: float, y: float) -> tuple[int, int] | None:
        if not (min(x0, x1) <= x <= max(x0, x1) and min(y0, y1) <= y <= max(y0, y1)):
            return None
        c = round((x - x0) / ((x1 - x0) or 1) * (cols - 1))
        r = round((y - y0) / ((y1 - y0) or 1) * (rows - 1))
        return r, c

    overlay: dict[tuple[int, int], tuple[str, str]] = {}
    for x, y, k in fig.points:
        rc = cell(x, y)
        if rc:
            overlay[rc] = (GLYPHS[int(k) % len(GLYPHS)], "bold white")
    for x, y, label in fig.marks:
        rc = cell(x, y)
        if rc:
            overlay[rc] = ("X", "bold black on #ffffff")

    out = Text()
    if fig.title:
        out.append(fig.title + "\n", style="bold")
    for r in range(rows - 1, -1, -1):
        yl = fig.ys[yi[r]]
        out.append(
            f"{number(yl):>{label_w}.{label_w}} " if r in (0, rows - 1, rows // 2) else " " * (label_w + 1)
        )
        row = fig.z[yi[r]]
        for c in range(cols):
            bg = colour(row[xi[c]])
            glyph, style = overlay.get((r, c), (" ", ""))
            out.append(glyph, style=f"{style} on {bg}" if "on " not in style else style)
        out.append("\n")
    left, right = number(fig.xs[0]), number(fig.xs[-1])
    axis = left + " " * max(1, cols - len(left) - len(right)) + right
    out.append(" " * (label_w + 1) + axis + "\n", style="dim")
    out.append("\n".join(legend), style="dim")
    return out


def render_maps(fig: figures.Multiples, width: int, height: int, page: int = 0) -> Text:
    """Small multiples of heat-maps: each panel a whole heat-map (its title cut to what tells
    the panels apart, then its map, axes and legend), side by side when they fit, else
    stacked, else one page of panels at a time."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return Text(TOO_SMALL if width >= 12 else "too small", style="dim")
    title, cols, rows, per_page, pages, pager_h = maps_layout(fig, width, height)
    page %= pages
    first = page * per_page
    shown = fig.plots[first : first + per_page]
    body_h = height - bool(title) - pager_h
    pw, ph = (width - (cols - 1)) // cols, body_h // rows
    titles = short_titles([m.title for m in fig.plots], pw)[first : first + len(shown)]
    lines: list[Text] = []
    for r in range(rows):
        cells = []
        for c in range(cols):
            i = r * cols + c
            if i < len(shown):
                cell = Text(titles[i], style="bold") if titles[i] else Text()
                cell.append("\n" if titles[i] else "")
                cell.append_text(render_heatmap(replace(shown[i], title=""), pw, ph - bool(titles[i])))
            else:
                cell = Text("")
            cells.append(exact(cell, pw, ph).split("\n", allow_blank=True))
        lines += [Text(" ").join(cell[k] for cell in cells) for k in range(ph)]
    out = Text()
    if title:
        out.append_text(exact(Text(title, style="bold"), width, 1))
        out.append("\n")
    out.append_text(Text("\n").join(lines))
    for line in (
        wrap_entries([pager_text(first + 1, first + len(shown), len(fig.plots))], width, pager_h)
        if pages > 1
        else []
    ):
        out.append("\n")
        out.append_text(line)
    return out


def _heatmap_legend(fig: figures.Heatmap, lo: float, hi: float, width: int, most: int) -> list[str]:
    """What the axes, colours, glyphs and marks mean, on at most `most` lines of `width`."""
    legend = f"{fig.xlabel or 'x'} → across, {fig.ylabel or 'y'} ↑ up. "
    if fig.palette == "classes":
        legend += "Shade: predicted class. " + (
            "Points: "
            + ", ".join(
                f"{GLYPHS[k % len(GLYPHS)]} class {k}" for k in sorted({int(p[2]) for p in fig.points})
            )
            + ". "
            if fig.points
            else ""
        )
    else:
        scale = "log10 " if fig.log else ""
        low, high = ("blue", "red") if fig.palette == "diverging" else ("dark", "bright")
        legend += f"Colour: {scale}value, {low} {number(lo)} → {high} {number(hi)}. "
    if fig.marks:
        legend += "X: " + ", ".join(str(m[2]) for m in fig.marks) + "."
    lines = _wrap_words(legend.strip(), width)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: max(0, width - 1)] + "…"
    return lines


def _render_matrix(fig: figures.Heatmap, width: int, height: int) -> Text:
    """Small labelled matrices (attention, hidden states, confusion): one coloured number per
    cell, the cells narrowed (fewer decimals, then no number, colour and legend only) so the
    matrix fits the panel's width. With `off_diagonal`, the cells off the diagonal (a
    confusion matrix's mistakes) are coloured on their own scale, from 0 to the largest of
    them, so small mistakes differ from none."""
    values = [v for row in fig.z for v in row]
    lo = fig.vmin if fig.vmin is not None else min(values)
    hi = fig.vmax if fig.vmax is not None else max(values)
    span = (hi - lo) or 1.0
    ramp = _ramp(fig.palette)
    ncols = max((len(row) for row in fig.z), default=1)
    split = fig.off_diagonal and len(fig.z) == ncols
    off = [v for i, row in enumerate(fig.z) for j, v in enumerate(row) if i != j]
    off_hi = max(off, default=0.0) if split else 0.0
    lw = min(12, max((len(s) for s in fig.row_labels), default=0))
    integers = all(float(v).is_integer() for v in values)
    widest = max(len(str(int(v))) if integers else len(f"{v:.2f}") for v in values)
    room = (width - lw - 1) // ncols  # characters per column, separator included
    sep = " " if room >= 3 else ""
    cw = max(1, min(max(widest, max((len(s) for s in fig.col_labels), default=0)), room - len(sep)))

    def shade(i: int, j: int, v: float) -> float:
        if split and i != j:
            return min(1.0, max(0.0, v / off_hi)) if off_hi > 0 else 0.0
        return min(1.0, max(0.0, (v - lo) / span))

    def cell(v: float, t: float) -> str:
        for text in (str(int(v)),) if integers else (f"{v:.2f}", f"{v:.1f}"):
            if len(text) <= cw:
                return f"{text:>{cw}}"
        # too narrow for an honest number: a shade glyph by value, so it reads without colour
        return " ░▒▓█"[round(t * 4)] * cw

    out = Text()
    if fig.title:
        out.append(fig.title + "\n", style="bold")
    if fig.col_labels:
        out.append(" " * (lw + 1) + "".join(f"{s[:cw]:>{cw}}{sep}" for s in fig.col_labels) + "\n")
    order = range(len(fig.z)) if fig.row_labels else range(len(fig.z) - 1, -1, -1)
    for k, i in enumerate(order):
        label = fig.row_labels[k] if k < len(fig.row_labels) else ""
        out.append(f"{label[:lw]:>{lw}} ")
        for j, v in enumerate(fig.z[i]):
            t = shade(i, j, v)
            bg = ramp[round(t * (len(ramp) - 1))]
            fg = "black" if t > 0.6 else "white"
            out.append(cell(v, t), style=f"{fg} on {bg}")
            out.append(sep)
        out.append("\n")
    if split:
        out.append(
            f"Colour and shade ( ░▒▓█): on the diagonal low {number(lo)} → high {number(hi)}; "
            f"off the diagonal (mistakes) on their own scale, 0 → {number(off_hi)}, so "
            "small mistakes show.",
            style="dim",
        )
    else:
        out.append(f"Colour and shade ( ░▒▓█): low {number(lo)} → high {number(hi)}.", style="dim")
    return out


# --------------------------------------------------------------------------- the rest


def render_text(fig: figures.Text) -> Text:
    style = {"error": "bold red", "code": "", "plain": ""}.get(fig.style, "")
    out = Text()
    if fig.title:
        out.append(fig.title + "\n", style="bold")
    out.append(fig.text, style=style)
    return out


def render_images(fig: figures.Images, width: int, height: int = 1000) -> Text:
    """Grey-scale images in half blocks (two pixel rows per cell), each shrunk by averaging
    f × f pixels: the least shrinking that fits them all in width × height, else the least
    that puts a row of three side by side. Captions under each, wrapped to its width."""
    if not fig.images or not fig.images[0]:
        return Text("no images")
    h, w = len(fig.images[0]), len(fig.images[0][0])
    n = len(fig.images)

    def fits(f: int) -> tuple[bool, int]:
        iw, ih = -(-w // f), -(-h // f)
        per_row = max(1, (width + 1) // (iw + 1))
        lines = -(-n // per_row) * (-(-ih // 2) + 1) + bool(fig.title)
        return lines <= height, per_row

    scales = range(1, 5)
    f = next((f for f in scales if fits(f)[0]), None) or next(
        (f for f in scales if fits(f)[1] >= min(n, 3)), scales[-1]
    )
    images = [_shrink(img, f) for img in fig.images]
    ih, iw = len(images[0]), len(images[0][0])
    per_row = fits(f)[1]
    out = Text()
    if fig.title:
        out.append(fig.title + "\n", style="bold")
    for start in range(0, n, per_row):
        batch = images[start : start + per_row]
        for r in range(0, ih, 2):
            for img in batch:
                for c in range(iw):
                    top = img[r][c]
                    bottom = img[r + 1][c] if r + 1 < ih else 0.0
                    out.append("▀", style=f"{_grey(top)} on {_grey(bottom)}")
                out.append(" ")
            out.append("\n")
        captions = [_wrap_words(c, iw)[:2] for c in fig.captions[start : start + per_row]]
        for k in range(max((len(c) for c in captions), default=0)):
            out.append(" ".join(f"{c[k] if k < len(c) else '':^{iw}.{iw}}" for c in captions) + "\n")
    out.rstrip()
    return out


def _shrink(img: list[list[float]], f: int) -> list[list[float]]:
    """An image made f times smaller each way, each pixel the mean of an f × f block."""
    if f == 1:
        return img
    h, w = len(img), len(img[0])
    return [
        [
            sum(img[i][j] for i in range(r, min(h, r + f)) for j in range(c, min(w, c + f)))
            / ((min(h, r + f) - r) * (min(w, c + f) - c))
            for c in range(0, w, f)
        ]
        for r in range(0, h, f)
    ]


def _wrap_words(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _grey(v: float) -> str:
    level = round(max(0.0, min(1.0, float(v))) * 255)
    return f"#{level:02x}{level:02x}{level:02x}"


def render(fig: Any, width: int, height: int, shown: int | None = None, page: int = 0):
    """A Rich renderable of any figure in width × height cells (tables, text and images may
    take more: their panel scrolls). `shown`: rows revealed of a step-through table;
    `page`: which panels of small multiples that do not all fit."""
    if isinstance(fig, figures.Multiples) and fig.maps:
        return render_maps(fig, width, height, page)
    if isinstance(fig, (figures.Plot, figures.Multiples)):
        return render_plot(fig, width, height, page)
    if isinstance(fig, figures.Heatmap):
        return render_heatmap(fig, width, height)
    if isinstance(fig, figures.Table):
        return render_table(fig, width, shown if fig.reveal else None)
    if isinstance(fig, figures.Text):
        return render_text(fig)
    if isinstance(fig, figures.Images):
        return render_images(fig, width, height)
    if isinstance(fig, figures.Bars):
        return render_bars(fig, width)
    return Text(f"(cannot draw {type(fig).__name__})")


def fills(fig: Any) -> bool:
    """Drawn to fill its panel exactly (plots, heat-maps over a grid), not to its own
    length (tables, text, images, labelled matrices: their panel scrolls)."""
    return isinstance(fig, (figures.Plot, figures.Multiples)) or (
        isinstance(fig, figures.Heatmap) and not (fig.row_labels or fig.col_labels)
    )


def render_width(fig: Any, width: int) -> int:
    """How wide the figure is drawn in a panel `width` wide: a table that cannot fit is
    wider (never cut), so its panel scrolls sideways."""
    return table_width(fig, width) if isinstance(fig, figures.Table) else width


def figure_summary(fig: Any, shown: int | None = None) -> str:
    """The line under a figure; a step-through table keeps its summary (its answers) until
    every row is shown."""
    if isinstance(fig, figures.Table) and fig.reveal and shown is not None and shown < len(fig.rows):
        return f"step {shown} of {len(fig.rows)} — press . for the next"
    return getattr(fig, "summary", "")
