"""What a run can show besides logged curves: plain data, drawn by tutor.rendering.

Lesson code builds one of these and calls `run.show(chart_id, figure)`. Every figure
carries a one-line `summary` in words, so no meaning is carried by colour alone. Arrays
(numpy, torch) are accepted and stored as plain lists, so figures can be saved as JSON and
handed between threads safely. This module imports no torch, numpy or Textual.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

__all__ = [
    "Series",
    "Plot",
    "Multiples",
    "Heatmap",
    "Bars",
    "Table",
    "Text",
    "Images",
    "downsample",
    "CurveStats",
    "GrowingCurve",
    "figure_from_json",
]


def _plain(values: Any) -> Any:
    """numpy / torch arrays and tuples -> nested lists of Python numbers."""
    if hasattr(values, "detach"):
        values = values.detach().cpu()
    if hasattr(values, "tolist"):
        return values.tolist()
    if isinstance(values, (list, tuple)):
        return [_plain(v) for v in values]
    return values


@dataclass
class Series:
    """One named line or set of points of a Plot."""

    name: str
    x: list[float]
    y: list[float]
    style: str = "line"  # "line" | "points"
    faint: bool = False  # drawn dimmed (e.g. a previous run)

    def __post_init__(self) -> None:
        self.x, self.y = _plain(self.x), _plain(self.y)
        if len(self.x) != len(self.y):
            raise ValueError(f"series {self.name!r}: {len(self.x)} x values but {len(self.y)} y values")


@dataclass
class Plot:
    """Lines and points on shared axes (fits, overlaid runs, small multiples' panels)."""

    series: list[Series]
    summary: str
    xlabel: str = ""
    ylabel: str = ""
    logy: bool = False
    vlines: list[tuple[float, str]] = field(default_factory=list)  # e.g. (best_epoch, "best")
    title: str = ""
    ylim: tuple[float, float] | None = None  # clamp the y axis

    def __post_init__(self) -> None:
        self.series = [s if isinstance(s, Series) else Series(**s) for s in self.series]
        self.vlines = [tuple(v) for v in self.vlines]
        self.ylim = tuple(self.ylim) if self.ylim else None


@dataclass
class Multiples:
    """Small multiples: several Plots, or several Heatmaps, side by side in a grid (e.g. one
    plot per weight decay, or one decision map over the training points and one over the
    test points), so they can be compared at a glance. `cols`: panels per row (default: all
    in one row up to 3). Panels are all Plots (sharing one legend) or all Heatmaps over grids
    (each with its own legend; not labelled matrices); panels that do not fit are paged."""

    plots: list[Plot | Heatmap]
    summary: str
    cols: int = 0
    title: str = ""

    def __post_init__(self) -> None:
        self.plots = [
            p if isinstance(p, (Plot, Heatmap)) else Heatmap(**p) if "z" in p else Plot(**p)
            for p in self.plots
        ]
        if len({type(p) for p in self.plots}) > 1:
            raise ValueError("small multiples are all Plots or all Heatmaps, not both")

    @property
    def maps(self) -> bool:
        """True when the panels are Heatmaps."""
        return bool(self.plots) and isinstance(self.plots[0], Heatmap)


@dataclass
class Heatmap:
    """Values on a grid: z[i][j] is the value at y = ys[i], x = xs[j] (row 0 at the bottom).

    `points` overlay data as (x, y, class) with one glyph per class; `marks` are labelled
    points (x, y, label) such as the best grid point. `palette`: "diverging" (low/high),
    "sequential" (one hue), or "classes" (z holds class indices or P(class 1)).
    """

    z: list[list[float]]
    xs: list[float]
    ys: list[float]
    summary: str
    xlabel: str = ""
    ylabel: str = ""
    points: list[tuple[float, float, int]] = field(default_factory=list)
    marks: list[tuple[float, float, str]] = field(default_factory=list)
    palette: str = "sequential"
    vmin: float | None = None
    vmax: float | None = None
    log: bool = False  # colour by log10(z) (loss surfaces)
    title: str = ""
    row_labels: list[str] = field(default_factory=list)  # for matrix-like maps (attention)
    col_labels: list[str] = field(default_factory=list)
    off_diagonal: bool = False  # a square matrix whose cells off the diagonal (a confusion
    # matrix's mistakes) are coloured on their own scale

    def __post_init__(self) -> None:
        self.z, self.xs, self.ys = _plain(self.z), _plain(self.xs), _plain(self.ys)
        self.points = [tuple(p) for p in _plain(self.points)]
        self.marks = [tuple(m) for m in self.marks]
        if len(self.z) != len(self.ys) or any(len(r) != len(self.xs) for r in self.z):
            raise ValueError("heatmap z must have len(ys) rows of len(xs) values")


@dataclass
class Bars:
    """Horizontal bars. `log=True` puts the values on a log scale (e.g. timings that differ
    by orders of magnitude); each bar's value is also printed beside it."""

    labels: list[str]
    values: list[float]
    summary: str
    unit: str = ""
    title: str = ""
    log: bool = False

    def __post_init__(self) -> None:
        self.labels, self.values = [str(v) for v in self.labels], _plain(self.values)


@dataclass
class Table:
    """Rows of cells (numbers are formatted by the renderer). `highlight`: row indices.

    `reveal=True` makes it a step-through: the app shows the rows one at a time, the next on
    each press of `.` (space-free key), so a learner can predict each value before seeing it;
    the headless CLI prints every row.
    """

    columns: list[str]
    rows: list[list[Any]]
    summary: str
    highlight: list[int] = field(default_factory=list)
    title: str = ""
    reveal: bool = False

    def __post_init__(self) -> None:
        self.rows = [_plain(list(r)) for r in self.rows]


@dataclass
class Text:
    """A block of text: a tensor print-out, an exact error message, an explanation."""

    text: str
    summary: str
    style: str = "plain"  # "plain" | "code" | "error"
    title: str = ""


@dataclass
class Images:
    """Small grey-scale images (e.g. digits), each a list of rows of 0..1 values, with captions."""

    images: list[list[list[float]]]
    captions: list[str]
    summary: str
    title: str = ""

    def __post_init__(self) -> None:
        self.images = _plain(self.images)


FIGURE_TYPES = {cls.__name__: cls for cls in (Plot, Multiples, Heatmap, Bars, Table, Text, Images)}


def figure_to_json(figure: Any) -> dict:
    return {"type": type(figure).__name__, **asdict(figure)}


def figure_from_json(data: dict) -> Any:
    data = dict(data)
    return FIGURE_TYPES[data.pop("type")](**data)


def downsample(points: Sequence[tuple[float, float]], max_points: int = 300) -> list[tuple[float, float]]:
    """At most `max_points` of the points themselves, thinned as an envelope: the first and
    last exactly, and between them each run of neighbours (a bucket) keeps its lowest and its
    highest point, in x order. So spikes, bounces and the minimum survive thinning, and every
    point kept is one that was logged. Non-finite values are dropped. Used before drawing and
    before saving curves."""
    pts = [(x, y) for x, y in points if math.isfinite(y)]
    n = len(pts)
    if n <= max_points:
        return pts
    if max_points < 4:
        return [pts[0], pts[-1]][-max_points:] if max_points > 0 else []
    inner = pts[1:-1]
    buckets = (max_points - 2) // 2
    size = len(inner) / buckets
    out = [pts[0]]
    for b in range(buckets):
        chunk = inner[int(b * size) : int((b + 1) * size)]
        if chunk:
            out.extend(_envelope(chunk))
    out.append(pts[-1])
    return out


def _envelope(chunk: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The lowest and the highest point of a run of points, in order (the first lowest and
    the last highest, so a flat run keeps its ends)."""
    lo = min(range(len(chunk)), key=lambda i: chunk[i][1])
    hi = max(range(len(chunk)), key=lambda i: (chunk[i][1], i))
    return [chunk[lo]] if lo == hi else [chunk[min(lo, hi)], chunk[max(lo, hi)]]


@dataclass
class CurveStats:
    """Exact facts about every point of a curve, which thinned points cannot be trusted for:
    how many were logged, the last, and the lowest and highest (where first reached)."""

    count: int = 0
    last: tuple[float, float] | None = None
    lowest: tuple[float, float] | None = None
    highest: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        for name in ("last", "lowest", "highest"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, (float(value[0]), float(value[1])))

    def add(self, points: Sequence[tuple[float, float]]) -> "CurveStats":
        """Take more points (in order); non-finite values count but are not compared."""
        lowest, highest, last = self.lowest, self.highest, self.last
        for point in points:
            if not math.isfinite(point[1]):
                continue
            last = point
            if lowest is None or point[1] < lowest[1]:
                lowest = point
            if highest is None or point[1] > highest[1]:
                highest = point
        self.count += len(points)
        self.lowest, self.highest, self.last = lowest, highest, last
        return self

    def to_json(self) -> dict:
        return asdict(self)


class GrowingCurve:
    """A curve that grows while a run trains, kept for live drawing as at most `cap` buckets,
    each holding its lowest and highest point (an envelope, like downsample): each `add`
    costs only the new points, so drawing a run at step 100,000 costs what it costs at step
    1,000. Buckets hold equal runs of points; when there are `cap` of them, neighbours merge
    and the run length doubles. The last point is kept exactly; `stats` are over every point."""

    def __init__(self, cap: int = 1024):
        self.cap = cap - cap % 2
        self.size = 1  # points per full bucket
        self.buckets: list[list] = []  # [lowest point, highest point, count]
        self.stats = CurveStats()

    @property
    def count(self) -> int:
        """Points given so far, non-finite ones too."""
        return self.stats.count

    def add(self, points: Sequence[tuple[float, float]]) -> None:
        self.stats.add(points)
        for point in points:
            if not math.isfinite(point[1]):
                continue
            bucket = self.buckets[-1] if self.buckets else None
            if bucket is None or bucket[2] >= self.size:
                if len(self.buckets) >= self.cap:
                    self._merge_pairs()
                self.buckets.append([point, point, 1])
            else:
                if point[1] < bucket[0][1]:
                    bucket[0] = point
                if point[1] >= bucket[1][1]:
                    bucket[1] = point
                bucket[2] += 1

    def _merge_pairs(self) -> None:
        b = self.buckets
        self.buckets = [
            [
                b[i][0] if b[i][0][1] <= b[i + 1][0][1] else b[i + 1][0],
                b[i][1] if b[i][1][1] > b[i + 1][1][1] else b[i + 1][1],
                b[i][2] + b[i + 1][2],
            ]
            for i in range(0, len(b), 2)
        ]
        self.size *= 2

    def points(self, max_points: int = 300) -> list[tuple[float, float]]:
        """The curve as at most `max_points` points (see downsample)."""
        pts: list[tuple[float, float]] = []
        for lo, hi, _ in self.buckets:
            pts.extend((lo,) if lo is hi else (lo, hi) if lo[0] <= hi[0] else (hi, lo))
        last = self.stats.last
        if last is not None and (not pts or pts[-1] is not last):
            pts.append(last)
        return downsample(pts, max_points)
