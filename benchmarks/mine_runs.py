"""A lesson trained with the learner's code (tutor.exercises.mine: a child process that
imports torch and the lesson, the learner's function swapped in) against the same lesson in
the runner's thread, in the same invocation, run pairs alternating which goes first.

    python -m benchmarks --only mine        (or: python -m benchmarks.mine_runs)

  seconds  the run's own time (RunResult.seconds: from train's start to its end)
  start    from execute() to the first thing the run shows (a note, a logged value): for the
           child, the interpreter, torch and the lesson's imports
The learner's file is the exercise's reference solution, so both runs compute the same thing.
"""

from __future__ import annotations

import os
import select
import sys
import tempfile
import threading
import time

from benchmarks.stats import ratio, summary

LESSON = "mnist-first-look"  # flatten_images; 5 epochs of a 512-unit network: seconds of training


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _timed(run) -> tuple[float, float]:
    """(seconds to the run's first event, the run's seconds)."""
    start = time.perf_counter()
    thread = threading.Thread(target=run.execute, daemon=True)
    thread.start()
    first = None
    while thread.is_alive():
        if first is None and run.version > 0:
            first = time.perf_counter() - start
        time.sleep(0.002)
    thread.join()
    if run.result.status != "finished":
        raise RuntimeError(f"{LESSON} {run.result.status}: {run.result.message}")
    return (first if first is not None else time.perf_counter() - start), run.result.seconds


def measure(repeats: int, threads: int, lesson_id: str = LESSON, overrides: dict | None = None) -> dict:
    from tutor.course import catalogue
    from tutor.exercises import files, for_lesson, mine
    from tutor.runner import Run

    old_home = os.environ.get("TUTOR_HOME")
    with tempfile.TemporaryDirectory(prefix="tutor-bench-mine-") as home:
        os.environ["TUTOR_HOME"] = home
        try:
            ref = catalogue().get(lesson_id)
            lesson, exercises = ref.load(), mine.switchable(for_lesson(ref))
            for ex in exercises:
                files.path(ex).parent.mkdir(parents=True, exist_ok=True)
                files.path(ex).write_text(ex.solution(), encoding="utf-8")
            chosen = mine.choose(exercises)
            params = lesson.resolve(overrides or {})
            remote = mine.with_learner_code(lesson, chosen)
            times: dict[str, list[tuple[float, float]]] = {"thread": [], "mine": [], "ahead": []}
            for i in range(repeats):
                for which in ("thread", "mine", "ahead") if i % 2 == 0 else ("ahead", "mine", "thread"):
                    if which == "ahead":  # as the app does while its switch is on
                        mine.prestart()
                        select.select([mine._spare[1]], [], [], 120)  # its {"ready"} line: torch imported
                    run = Run(lesson if which == "thread" else remote, params, "cpu", threads=threads)
                    times[which].append(_timed(run))
                _say(
                    f"  mine {i + 1}/{repeats}: in the thread {times['thread'][-1][1]:.2f} s, "
                    f"your code in a child {times['mine'][-1][1]:.2f} s"
                )
        finally:
            if old_home is None:
                os.environ.pop("TUTOR_HOME", None)
            else:
                os.environ["TUTOR_HOME"] = old_home
    thread = summary([t[1] for t in times["thread"]])
    child = summary([t[1] for t in times["mine"]])
    return {
        "lesson": lesson_id,
        "exercises": [ex.id for ex in chosen],
        "repeats": repeats,
        "thread": thread,
        "mine": child,
        "ratio": ratio(child["median"], thread["median"]),
        "start_thread": summary([t[0] for t in times["thread"]]),
        "start_mine": summary([t[0] for t in times["mine"]]),
        "start_ahead": summary([t[0] for t in times["ahead"]]),
        "ahead": summary([t[1] for t in times["ahead"]]),
        # the training itself: the run's time less its start
        "ratio_after_start": ratio(
            child["median"] - summary([t[0] for t in times["mine"]])["median"],
            thread["median"] - summary([t[0] for t in times["thread"]])["median"],
        ),
    }


def section(r: dict) -> list[str]:
    return [
        f"Use my code: {r['lesson']} with your {', '.join(r['exercises'])} in a child process, "
        f"against the lesson in the runner's thread ({r['repeats']} pairs)",
        f"  run        in the thread {r['thread']['median']:.2f} s (min {r['thread']['min']:.2f})  "
        f"child {r['mine']['median']:.2f} s (min {r['mine']['min']:.2f})  ratio {r['ratio']:.2f}",
        f"  first event  in the thread {r['start_thread']['median']:.2f} s  child "
        f"{r['start_mine']['median']:.2f} s (a fresh interpreter: torch and the lesson imported)",
        f"  started ahead (the app, switch on): first event {r['start_ahead']['median']:.2f} s, "
        f"run {r['ahead']['median']:.2f} s",
        f"  after the first event: ratio {r['ratio_after_start']:.2f} (the child loads the data and uses "
        "torch for the first time; the thread's process has done both before)",
    ]


def summary_line(r: dict, ok) -> str:
    return (
        f"my code      {r['lesson']}: child {r['mine']['median']:.2f} s vs thread "
        f"{r['thread']['median']:.2f} s, ratio {r['ratio']:.2f}; first event after "
        f"{r['start_mine']['median']:.2f} s, {r['start_ahead']['median']:.2f} s if started ahead "
        f"(thread {r['start_thread']['median']:.2f} s)"
    )


if __name__ == "__main__":
    from tutor.runner import default_threads

    print("\n".join(section(measure(3, default_threads()))))
