"""Small statistics helpers (no numpy: children that time start-up must stay lean)."""

from __future__ import annotations

import math
from typing import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between the closest ranks."""
    if not values:
        return math.nan
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def summary(values: Sequence[float]) -> dict:
    """median, min, max and the raw values (for --json)."""
    vals = [float(v) for v in values]
    return {
        "median": median(vals),
        "min": min(vals) if vals else math.nan,
        "max": max(vals) if vals else math.nan,
        "n": len(vals),
        "values": vals,
    }


def ratio(a: float, b: float) -> float:
    return a / b if b else math.inf
