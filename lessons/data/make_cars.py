"""Derive lessons/data/cars.csv from the auto-mpg copy that the PyPI package mlxtend ships.

Run once by a maintainer (`pip install mlxtend; python lessons/data/make_cars.py`); the
tutor itself never needs mlxtend. See README.md in this folder for source and licence.
"""

import csv
import gzip
from pathlib import Path

import mlxtend

SOURCE = Path(mlxtend.__file__).parent / "data" / "data" / "autompg.csv.gz"
TARGET = Path(__file__).with_name("cars.csv")
# mlxtend's column order (its docs: mlxtend.data.autompg_data)
COLUMNS = [
    "cylinders",
    "displacement",
    "horsepower",
    "weight",
    "acceleration",
    "year",
    "origin",
    "name",
    "mpg",
]


def main() -> None:
    with gzip.open(SOURCE, "rt", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 392 and all(len(r) == 9 for r in rows), "unexpected source shape"
    with TARGET.open("w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(
            [
                "mpg",
                "cylinders",
                "displacement",
                "horsepower",
                "weight",
                "acceleration",
                "year",
                "origin",
                "name",
            ]
        )
        for r in rows:
            rec = dict(zip(COLUMNS, r))
            out.writerow(
                [
                    rec["mpg"],
                    int(float(rec["cylinders"])),
                    rec["displacement"],
                    rec["horsepower"],
                    int(float(rec["weight"])),
                    rec["acceleration"],
                    int(float(rec["year"])),
                    int(float(rec["origin"])),
                    rec["name"],
                ]
            )
    print(f"wrote {TARGET} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
