"""A lesson's run headless: `tutor.runner.Run(lesson, params).execute()` with a set number of
torch threads, in a fresh process (so the first run pays the imports a learner's first run pays).

    python -m benchmarks.lesson_times xor --runs 2 --threads 1 --out result.json
    python -m benchmarks.lesson_times xor --quick --out result.json     # the lesson's quick params
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

BUDGET_S = 20.0
LONG_PARTS = {"Images": 60.0, "Sequences": 60.0}


def budget(part: str) -> float:
    return LONG_PARTS.get(part, BUDGET_S)


def run_lesson(
    lesson_id: str, runs: int = 1, threads: int = 1, quick: bool = False, overrides: dict | None = None
) -> dict:
    from tutor.course import catalogue
    from tutor.runner import Run

    t0 = time.monotonic()
    lesson = catalogue().get(lesson_id).load()
    load_seconds = time.monotonic() - t0
    values = dict(lesson.quick) if quick else {}
    values.update(overrides or {})
    results = []
    for _ in range(runs):
        r = Run(lesson, lesson.resolve(values), "cpu", threads=threads).execute()
        checked = list(lesson.goal.require) if lesson.goal else []
        results.append(
            {
                "seconds": r.seconds,
                "status": r.status,
                "message": r.message,
                "goal_met": r.goal_met,
                "goal_keys": checked,
                "goal_metrics": {
                    k: r.metrics.get(k)
                    for k in checked
                    if isinstance(r.metrics.get(k), (int, float, str, bool))
                },
                "metrics": {k: v for k, v in r.metrics.items() if isinstance(v, (int, float, str, bool))},
            }
        )
    import torch

    return {
        "lesson": lesson_id,
        "part": lesson.part,
        "load_seconds": load_seconds,
        "runs": results,
        "threads": torch.get_num_threads(),
        "quick": quick,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="a lesson's run, headless")
    parser.add_argument("lesson")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="use the lesson's quick params")
    parser.add_argument("--params", default="{}", help="JSON of param overrides")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    data = run_lesson(args.lesson, args.runs, args.threads, args.quick, json.loads(args.params))
    Path(args.out).write_text(json.dumps(data))


if __name__ == "__main__":
    main(sys.argv[1:])
