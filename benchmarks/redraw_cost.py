"""Where the app's training overhead goes: xor's warm runs in the app under a few redraw
settings, each in a fresh process, against the plain script in the same invocation.

The variants change the app only inside the benchmark process (monkeypatches), to estimate
what a fix would buy; the app's code is not touched:
  as-is        the app as it is (LessonScreen polls the run every 0.25 s)
  no-layout    Static.update(..., layout=False): status and summary lines repaint only
               (what fixed-height status rows would allow), instead of a full layout reflow
  poll-0.5s    LessonScreen.POLL_SECONDS = 0.5
  no-layout+poll-0.5s   both
  no-poll      no redraws while the run trains (only the work at start and at the end)
  switch-1ms   sys.setswitchinterval(0.001): the GIL changes hands every 1 ms, not 5 ms
Every variant counts the screen's layout reflows and repaints, and the UI thread's CPU.

    python -m benchmarks.redraw_cost --repeats 3
    python -m benchmarks.redraw_cost --repeats 2 --runs 3 --xor-epochs 10000   # steady state
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

VARIANTS = ("as-is", "no-layout", "poll-0.5s", "no-layout+poll-0.5s", "no-poll", "switch-1ms")


def _instrument(counts: dict) -> None:
    from textual.screen import Screen

    def timed(name: str):
        original = getattr(Screen, name)

        def wrapper(self, *args, **kwargs):
            t = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                c = counts.setdefault(name, [0, 0.0])
                c[0] += 1
                c[1] += time.perf_counter() - t

        setattr(Screen, name, wrapper)

    timed("_refresh_layout")  # a layout reflow (it includes a repaint)
    timed("_compositor_refresh")  # a repaint of the dirty widgets


def _apply(variant: str) -> None:
    from textual.widgets import Static

    import tutor.screens.lesson as lesson_screen

    if "no-layout" in variant:
        update = Static.update

        def update_without_layout(self, content="", *, layout=True):
            return update(self, content, layout=False)

        Static.update = update_without_layout
    if "poll-0.5s" in variant:
        lesson_screen.POLL_SECONDS = 0.5
    if variant == "no-poll":
        lesson_screen.POLL_SECONDS = 3600.0
    elif variant == "switch-1ms":
        sys.setswitchinterval(0.001)


async def variant_session(variant: str, runs: int, epochs: int | None = None) -> dict:
    from benchmarks import app_xor

    counts: dict = {}
    _instrument(counts)
    _apply(variant)
    out = []
    with tempfile.TemporaryDirectory(prefix="tutor-bench-redraw-") as tmp:
        app = app_xor.make_app(Path(tmp), epochs)
        async with app.run_test(size=app_xor.SIZE) as pilot:
            screen = await app_xor.open_lesson(app)
            await app_xor.run_once(app, screen)  # cold: not counted
            for _ in range(runs):
                counts.clear()
                r = await app_xor.run_once(app, screen)
                out.append(
                    {
                        "seconds": r["seconds"],
                        "ui_thread_cpu": r["ui_thread_cpu"],
                        "layouts": counts.get("_refresh_layout", [0, 0.0]),
                        "repaints": counts.get("_compositor_refresh", [0, 0.0]),
                    }
                )
            await pilot.exit(0)
    return {"variant": variant, "runs": out}


def measure(
    repeats: int, threads: int, runs: int = 5, epochs: int | None = None, variants: tuple[str, ...] = VARIANTS
) -> dict:
    from benchmarks.child import run_child
    from benchmarks.stats import median, summary
    from benchmarks.suite import say, xor_params

    params = json.dumps(xor_params(epochs))
    extra = [] if epochs is None else ["--epochs", str(epochs)]
    got: dict[str, list[dict]] = {v: [] for v in (*variants, "plain")}
    order = list(got)
    for i in range(repeats):
        for name in order[i % len(order) :] + order[: i % len(order)]:
            if name == "plain":
                data = run_child(
                    [
                        "-m",
                        "benchmarks.plain_xor",
                        "--runs",
                        str(runs + 1),
                        "--threads",
                        str(threads),
                        "--params",
                        params,
                    ],
                    threads,
                )[0]
                got[name] += data["runs"][1:]
            else:
                data = run_child(
                    ["-m", "benchmarks.redraw_cost", "variant", name, "--runs", str(runs), *extra], threads
                )[0]
                got[name] += data["runs"]
        say(f"  redraw {i + 1}/{repeats}")
    plain = median([r["seconds"] for r in got["plain"]])
    rows = {}
    for name in variants:
        rs = got[name]
        rows[name] = {
            "seconds": summary([r["seconds"] for r in rs]),
            "ratio_to_plain": median([r["seconds"] for r in rs]) / plain,
            "ui_thread_cpu": median([r["ui_thread_cpu"] for r in rs]),
            "layouts": median([r["layouts"][0] for r in rs]),
            "layout_ms": median([r["layouts"][1] * 1000 for r in rs]),
            "repaints": median([r["repaints"][0] for r in rs]),
            "repaint_ms": median([r["repaints"][1] * 1000 for r in rs]),
        }
    return {
        "repeats": repeats,
        "runs_per_process": runs,
        "threads": threads,
        "epochs": epochs,
        "plain": summary([r["seconds"] for r in got["plain"]]),
        "variants": rows,
    }


def section(d: dict) -> list[str]:
    from benchmarks.report import _mm, _table

    rows = [
        [
            name,
            _mm(v["seconds"], 3),
            f"{v['ratio_to_plain']:.2f}",
            f"{v['ui_thread_cpu']:.3f}",
            f"{v['layouts']:.0f} / {v['layout_ms']:.0f}",
            f"{v['repaints']:.0f} / {v['repaint_ms']:.0f}",
        ]
        for name, v in d["variants"].items()
    ]
    rows.append(["plain script", _mm(d["plain"], 3), "1.00", "—", "—", "—"])
    epochs = d.get("epochs") or "default 1000"
    return [
        f"Where the app's training overhead goes: xor warm runs (epochs {epochs}), "
        f"{d['repeats']} processes × "
        f"{d['runs_per_process']} runs each, medians (min); per run: UI-thread CPU s, "
        "layout reflows / ms, repaints / ms (a reflow includes a repaint)",
        *_table(["variant", "run s", "× plain", "UI cpu s", "reflows / ms", "repaints / ms"], rows),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd")
    child = sub.add_parser("variant")
    child.add_argument("name", choices=VARIANTS)
    child.add_argument("--runs", type=int, default=5)
    child.add_argument("--epochs", type=int, default=None)
    child.add_argument("--out", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--runs", type=int, default=5, help="warm runs per process")
    parser.add_argument(
        "--xor-epochs",
        type=int,
        default=None,
        help="a longer run than xor's default (1000) shows the steady state",
    )
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    if args.cmd == "variant":
        data = asyncio.run(variant_session(args.name, args.runs, args.epochs))
        Path(args.out).write_text(json.dumps(data))
        return
    from tutor.runner import default_threads

    threads = args.threads or default_threads()
    result = measure(args.repeats, threads, runs=args.runs, epochs=args.xor_epochs)
    print("\n".join(section(result)))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
