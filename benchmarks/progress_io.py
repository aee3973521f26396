"""What saving progress costs with a long history: 32 lessons × 50 runs saved.

The history is written the way tutor 0.1 kept it (every run inside progress.json: ~5 MB),
so the first load also times moving the runs out to their per-lesson files. Then, with that
history in place, it times a page turn (`set_page`, what the lesson screen does on n/p) and a
run's save (`record_run` of a run with three 300-point curves), each `repeats` × 10 times.
Target: both ≤ 50 ms (median) on the 2-core development machine.

    python -m benchmarks.progress_io
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.stats import summary

LESSONS, RUNS, TARGET_MS = 32, 50, 50.0


def _run(n: int, curves: bool) -> dict:
    rng = random.Random(n)
    run = {
        "n": n,
        "started": "2025-01-01T00:00:00+00:00",
        "params": {"lr": 0.1, "hidden": 8, "epochs": 1000, "W": [[1.0, 0.0], [0.0, 1.0]]},
        "device": "cpu",
        "seconds": 1.25,
        "status": "finished",
        "metrics": {"train_loss": rng.random(), "test_accuracy": rng.random()},
        "goal_met": False,
        "goal_reason": "test_accuracy is 0.8; the goal needs >= 0.95",
        "message": "",
    }
    if curves:
        run["curves"] = {
            name: [[float(i), rng.random()] for i in range(200)]
            for name in ("train_loss", "val_loss", "test_accuracy")
        }
    return run


def old_format_file(path: Path) -> int:
    from tutor.progress import _dumps

    """progress.json as tutor 0.1 wrote it: every lesson with 50 runs inside. Returns bytes."""
    lessons = {
        f"lesson-{i:02d}": {
            "status": "started",
            "page": 1,
            "params": {"lr": 0.1},
            "quiz": {},
            "hints_shown": 0,
            "goal": None,
            "runs": [_run(n, n > RUNS - 5) for n in range(1, RUNS + 1)],
        }
        for i in range(LESSONS)
    }
    data = _dumps({"schema": 1, "last_lesson": "lesson-00", "settings": {}, "lessons": lessons})
    path.write_bytes(data)  # (tutor 0.1 wrote the same JSON, numbers lists on one line)
    return len(data)


def _result(lesson: str) -> dict:
    return {
        "lesson": lesson,
        "params": {"lr": 0.1, "hidden": 8},
        "device": "cpu",
        "status": "finished",
        "metrics": {"train_loss": 0.1},
        "seconds": 1.0,
        "started": "2025-01-01T00:00:00+00:00",
        "goal_met": False,
        "goal_reason": "",
        "curves": {
            name: [[float(i), 1.0 / (i + 1)] for i in range(300)]
            for name in ("train_loss", "val_loss", "test_accuracy")
        },
    }


def measure(repeats: int = 3) -> dict:
    from tutor.progress import Progress

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.json"
        size = old_format_file(path)
        t = time.perf_counter()
        progress = Progress(path)
        migrate = time.perf_counter() - t
        assert len(progress.runs(f"lesson-{LESSONS - 1:02d}")) == RUNS and not progress.warnings, (
            progress.warnings
        )
        t = time.perf_counter()
        Progress(path)
        load = time.perf_counter() - t
        pages, saves = [], []
        for i in range(10 * repeats):
            lesson = f"lesson-{i % LESSONS:02d}"
            t = time.perf_counter()
            progress.set_page(lesson, 2 + i % 2)
            pages.append(time.perf_counter() - t)
            t = time.perf_counter()
            progress.record_run(_result(lesson))
            saves.append(time.perf_counter() - t)
        main_size = path.stat().st_size
        runs_size = sum(f.stat().st_size for f in progress.runs_folder.iterdir())
    return {
        "lessons": LESSONS,
        "runs": RUNS,
        "old_file_bytes": size,
        "migrate_seconds": migrate,
        "load_seconds": load,
        "main_file_bytes": main_size,
        "runs_files_bytes": runs_size,
        "page_turn_ms": summary([1000 * x for x in pages]),
        "run_save_ms": summary([1000 * x for x in saves]),
        "target_ms": TARGET_MS,
    }


def section(r: dict) -> list[str]:
    page, save = r["page_turn_ms"], r["run_save_ms"]
    return [
        f"Progress file with {r['lessons']} lessons × {r['runs']} runs saved",
        f"  tutor 0.1 kept it in one {r['old_file_bytes'] / 1e6:.1f} MB file; moving the runs "
        f"out on first load took {r['migrate_seconds']:.2f} s",
        f"  now: progress.json {r['main_file_bytes'] / 1e3:.0f} kB, runs files "
        f"{r['runs_files_bytes'] / 1e6:.1f} MB in all; a load takes {1000 * r['load_seconds']:.0f} ms",
        f"  page turn  median {page['median']:.1f} ms  (min {page['min']:.1f}, max {page['max']:.1f})"
        f"  target ≤ {r['target_ms']:.0f} ms",
        f"  run saved  median {save['median']:.1f} ms  (min {save['min']:.1f}, max {save['max']:.1f})"
        f"  target ≤ {r['target_ms']:.0f} ms",
    ]


def summary_line(r: dict, ok) -> str:
    page, save = r["page_turn_ms"]["median"], r["run_save_ms"]["median"]
    return (
        f"progress     page turn {page:.0f} ms  run saved {save:.0f} ms with {r['lessons']}×{r['runs']} "
        f"runs  (target ≤ {r['target_ms']:.0f} ms) {ok(max(page, save) <= r['target_ms'])}"
    )


if __name__ == "__main__":
    print("\n".join(section(measure())))
    sys.exit(0)
