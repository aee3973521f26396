"""Data the lessons use: bundled files, scikit-learn's bundled sets, and seeded generators.

Nothing here downloads anything. Each loader returns plain numpy arrays (lessons turn them
into tensors where the learner can see it happen).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def _cars_rows() -> tuple[dict, ...]:
    with (DATA / "cars.csv").open(newline="") as f:
        return tuple(csv.DictReader(f))


def cars(*columns: str) -> np.ndarray:
    """Columns of the 392-row UCI auto-mpg cars data as float64, e.g. cars("weight", "mpg").

    Columns: mpg, cylinders, displacement, horsepower, weight, acceleration, year, origin.
    """
    rows = _cars_rows()
    missing = [c for c in columns if c not in rows[0]]
    if missing:
        raise KeyError(f"no cars column {missing[0]!r}; columns: {', '.join(rows[0])}")
    return np.array([[float(r[c]) for c in columns] for r in rows], dtype=np.float64)
