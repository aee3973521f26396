"""python -m benchmarks [--quick] [--repeats N] [--only PARTS] [--json PATH]

Measures, one thing at a time, each against a baseline from the same invocation:
  startup   tutor's home screen vs a bare Textual app (target ratio ≤ 1.5; torch not imported)
  training  xor in the app vs the same loop as a plain PyTorch script (target ratio ≤ 1.10),
            plus the headless runner and `tutor run xor`
  lag       the app's event-loop lag while xor trains (target p95 ≤ 50 ms), key round trips
  lessons   every lesson's default run headless: seconds, goal metric, budget (20 s; 60 s in
            Images and Sequences). --quick uses each lesson's quick params instead.
  progress  saving progress with 32 lessons × 50 runs saved: a page turn and a run's save
            (target ≤ 50 ms each), and moving tutor 0.1's runs out of progress.json
  shared    four learners' `tutor run xor` at once vs one after another (target ratio ≤ 1.2),
            and one learner's four at once (queued)
  redraw    (only when named in --only) where the app's training overhead goes: xor with
            10,000 epochs in the app under redraw variants (benchmarks/redraw_cost.py)
  mine      (only when named in --only) a lesson trained with the learner's code in a child
            process vs in the runner's thread, and the child's start (benchmarks/mine_runs.py)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

from benchmarks import concurrent_runs, mine_runs, progress_io, redraw_cost, report, suite

PARTS = ("startup", "training", "lag", "lessons", "progress", "shared")
EXTRA = ("redraw", "mine")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]),
    )
    parser.add_argument(
        "--quick", action="store_true", help="fast pass: 2 repeats, lessons with their quick params"
    )
    parser.add_argument(
        "--repeats", type=int, default=None, help="repeats of each measurement (default 5; 2 with --quick)"
    )
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS + EXTRA)}"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="torch threads everywhere (default: tutor.runner.default_threads(), what the app uses)",
    )
    parser.add_argument(
        "--xor-epochs",
        type=int,
        default=None,
        help="override xor's epochs (tests only: the figures are then not the default run)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write every figure to PATH as JSON")
    args = parser.parse_args(argv)
    args.only = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in args.only if p not in PARTS + EXTRA]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS + EXTRA)}")
    if args.repeats is None:
        args.repeats = 2 if args.quick else 5
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    from tutor.runner import default_threads

    threads = args.threads or default_threads()
    header = (
        f"tutor benchmarks · {platform.python_implementation()} {platform.python_version()} · "
        f"{os.cpu_count()} CPUs · torch threads {threads}"
        + (" (tutor.runner.default_threads(), as the app uses)" if not args.threads else "")
        + f" · {args.repeats} repeats, median (min)"
        + (" · quick" if args.quick else "")
    )
    if args.xor_epochs is not None:
        header += f" · xor epochs overridden to {args.xor_epochs} (not the default run)"
    print(header, flush=True)
    results: dict = {
        "header": header,
        "threads": threads,
        "repeats": args.repeats,
        "quick": args.quick,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    started = time.monotonic()
    sections = {
        "startup": (lambda: suite.measure_startup(args.repeats, threads), report.startup_section),
        "training": (
            lambda: suite.measure_training(args.repeats, threads, epochs=args.xor_epochs),
            report.training_section,
        ),
        "lag": (lambda: suite.measure_lag(args.repeats, threads, epochs=args.xor_epochs), report.lag_section),
        "lessons": (lambda: suite.measure_lessons(threads, quick=args.quick), report.lessons_section),
        "progress": (lambda: progress_io.measure(args.repeats), progress_io.section),
        "shared": (lambda: concurrent_runs.measure(min(args.repeats, 3)), concurrent_runs.section),
        "redraw": (
            lambda: redraw_cost.measure(
                min(args.repeats, 3), threads, runs=3, epochs=args.xor_epochs or 10000
            ),
            redraw_cost.section,
        ),
        "mine": (lambda: mine_runs.measure(args.repeats, threads), mine_runs.section),
    }
    for name in PARTS + EXTRA:
        if name not in args.only:
            continue
        suite.say(f"{name}…")
        measure, section = sections[name]
        load_before = _load()
        results[name] = measure()
        results[name]["load_average"] = [load_before, _load()]
        print("\n" + "\n".join(section(results[name])), flush=True)
        print(
            f"  (machine load, 1-minute average: {load_before:.1f} before, {_load():.1f} after, "
            f"on {os.cpu_count()} CPUs)",
            flush=True,
        )
    results["seconds"] = time.monotonic() - started
    print("\n" + "\n".join(report.summary_block(results)))
    print(f"(all measurements took {results['seconds']:.0f} s)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, default=str)
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
