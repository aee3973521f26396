"""The exercise commands of the command line (rustlings' shape):

    tutor exercises [LESSON] [--json]     the exercises, with status and the file to edit
    tutor check LESSON[/ID] [--json]      check your files (exit 0 all pass, 1 not yet, 2 bad input)
    tutor watch [LESSON]                  check again on every save, until all pass
    tutor hint LESSON/ID                  the next hint (kept: the app shows the same ones)
    tutor solution LESSON/ID [--force]    the reference solution (after a pass or every hint,
                                          or --force)
    tutor reset LESSON/ID [--yes]         your file back to the starter (the old one kept as .bak)

Checks run in the warm checker process (tutor.exercises.worker); nothing of the learner's
runs in this process. Output is plain text (no colours or cursor movement), so it reads the
same in a pipe.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from typing import Callable

from tutor import locations
from tutor.formatting import plural

__all__ = ["add_parsers", "HANDLERS", "cmd_reset_exercise"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
WATCH_INTERVAL = 0.3  # seconds between looks at the files' modification times


def add_parsers(sub, add_progress_file: Callable) -> None:
    p = sub.add_parser("exercises", help="the code exercises, with status and the file to edit")
    p.add_argument("lesson", metavar="LESSON", nargs="?", help="only this lesson's exercises")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_progress_file(p, top=False)

    p = sub.add_parser("check", help="check your exercise files (exit 0 when all pass)")
    p.add_argument("target", metavar="LESSON[/ID]", help="a lesson's exercises, or one exercise")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    add_progress_file(p, top=False)

    p = sub.add_parser("watch", help="check again whenever you save, until every exercise passes")
    p.add_argument("lesson", metavar="LESSON", nargs="?", help="only this lesson's exercises")
    p.add_argument("--interval", type=float, default=WATCH_INTERVAL, help=argparse.SUPPRESS)
    add_progress_file(p, top=False)

    p = sub.add_parser("hint", help="print an exercise's next hint")
    p.add_argument("target", metavar="LESSON/ID", help="the exercise")
    add_progress_file(p, top=False)

    p = sub.add_parser("solution", help="print an exercise's reference solution")
    p.add_argument("target", metavar="LESSON/ID", help="the exercise")
    p.add_argument(
        "--force", action="store_true", help="show it even before you have passed or seen every hint"
    )
    add_progress_file(p, top=False)


# ---------------------------------------------------------------------------- helpers


def make_worker():
    """The checker process for one command (a context manager that closes it)."""
    from tutor.exercises.worker import Worker

    return Worker()


def _setup(args, out):
    from tutor.cli import _catalogue, _progress

    return _catalogue(out), _progress(args, out)


def _find(cat, target: str, one: bool = False):
    from tutor.catalogue import UnknownLesson
    from tutor.cli import BadInput
    from tutor.exercises import UnknownExercise, find

    if one and "/" not in target:
        raise BadInput(
            f"tutor: name one exercise as LESSON/ID, e.g. "
            f"{target}/{_first_id(cat, target)}; see 'tutor exercises {target}'"
        )
    try:
        return find(cat, target)
    except (UnknownLesson, UnknownExercise) as exc:
        raise BadInput(f"tutor: {exc}") from None


def _first_id(cat, lesson_id: str) -> str:
    from tutor.exercises import every_exercise

    try:
        found = every_exercise(cat, lesson_id)
    except KeyError:
        return "ID"
    return found[0].id if found else "ID"


def _scope(cat, lesson_id: str | None):
    from tutor.exercises import every_exercise

    return _find(cat, lesson_id) if lesson_id else every_exercise(cat)


def _check_all(exercises, progress, worker, show: Callable[[object], None], hints: bool = True) -> list:
    from tutor.exercises import files, record

    results = []
    for ex in exercises:
        result = worker.check(ex, files.ensure(ex))
        edited = not files.untouched(ex)
        if not result.error:
            record.record(progress, ex.lesson, ex.id, result.passed, edited)
        show(result)
        if hints and edited and not result.passed and not result.error and ex.hints:
            print_hint(ex, record.show_hint(progress, ex))  # one more after each try
        results.append(result)
    return results


def wrapped(text: str, first: str, rest: str) -> list[str]:
    from tutor.exercises.report import wrap

    return wrap(text, first, rest)


def print_hint(ex, mine: dict) -> None:
    """The last hint shown, by the exercise's progress entry `mine` (after record.show_hint:
    the next one, or the last one again when every hint was shown)."""
    from tutor.exercises import record

    n = record.hints_shown(mine, ex)
    print(
        "\n".join(wrapped(f"hint {n} of {len(ex.hints)}: {ex.hints[n - 1]}", "  ", "    ")) + "\n", flush=True
    )


# ---------------------------------------------------------------------------- commands


def cmd_exercises(args, out) -> int:
    from tutor.exercises import files, record

    cat, progress = _setup(args, out)
    rows = []
    for ex in _scope(cat, args.lesson):
        path = files.ensure(ex)
        mine = record.state(progress, ex.lesson, ex.id)
        rows.append(
            {
                "lesson": ex.lesson,
                "id": ex.id,
                "title": ex.title,
                "page": ex.page + 1,
                "status": record.status(progress, ex.lesson, ex.id),
                "attempts": int(mine.get("attempts", 0)),
                "hints_shown": record.hints_shown(mine, ex),
                "hints": len(ex.hints),
                "solution_shown": mine.get("solution_shown"),
                "file": str(path),
                "used_as": ex.used_as or None,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("No exercises yet.")
        return EXIT_OK
    width = max(len(r["id"]) for r in rows)
    columns = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 10_000
    passed = sum(r["status"] == "passed" for r in rows)
    lesson = None
    for r in rows:
        if r["lesson"] != lesson:
            lesson = r["lesson"]
            print(lesson)
        line = f"  {r['id']:<{width}}  {'' if r['status'] == 'new' else r['status']:<6}  {r['title']}"
        print(line if len(line) < columns else line[: columns - 2] + "…")
    print(f"\n{passed} of {len(rows)} passed. Your files are in {locations.exercises_dir()}.")
    print("Edit one, then: tutor check LESSON/ID  (or 'tutor watch' to check on every save)")
    return EXIT_OK


def cmd_check(args, out) -> int:
    cat, progress = _setup(args, out)
    exercises = _find(cat, args.target)
    show = (lambda r: None) if args.json else (lambda r: print(r.text() + "\n", flush=True))
    with make_worker() as worker:
        results = _check_all(exercises, progress, worker, show, hints=not args.json)
    out.warnings()
    if args.json:
        from tutor.exercises import files

        print(
            json.dumps(
                [{**r.to_json(), "file": str(files.path(r.exercise))} for r in results],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        passed = sum(r.passed for r in results)
        if len(results) > 1:
            print(f"{passed} of {len(results)} passed.")
    if any(r.error for r in results):
        out.err("tutor: an exercise's own check failed; this is a bug in tutor")
    return EXIT_OK if all(r.passed for r in results) else EXIT_FAILED


def cmd_watch(args, out) -> int:
    from tutor.exercises import files

    cat, progress = _setup(args, out)
    exercises = _scope(cat, args.lesson)
    if not exercises:
        print("No exercises to watch.")
        return EXIT_OK

    def show(result) -> None:
        print(result.text() if not result.passed else f"{result.exercise.key}: PASSED", flush=True)

    def stamp(ex) -> float | None:
        try:
            return files.path(ex).stat().st_mtime_ns
        except OSError:
            return None

    with make_worker() as worker:
        print(
            f"Watching {plural(len(exercises), 'exercise file')} in {locations.exercises_dir()}; "
            "Ctrl-C to stop.",
            flush=True,
        )
        passed = {r.exercise.key for r in _check_all(exercises, progress, worker, show) if r.passed}
        seen = {ex.key: stamp(ex) for ex in exercises}
        try:
            while len(passed) < len(exercises):
                time.sleep(args.interval)
                for ex in exercises:
                    now = stamp(ex)
                    if now == seen[ex.key]:
                        continue
                    seen[ex.key] = now
                    print(f"\n{ex.key} changed; checking…", flush=True)
                    result = _check_all([ex], progress, worker, show)[0]
                    (passed.add if result.passed else passed.discard)(ex.key)
                    if not result.passed:
                        continue
                    left = len(exercises) - len(passed)
                    print(f"{left} to go." if left else "", flush=True)
        except KeyboardInterrupt:
            print(f"\nStopped watching: {len(passed)} of {len(exercises)} pass.")
            return EXIT_INTERRUPTED
    print("All of them pass." if len(exercises) > 1 else "It passes.")
    return EXIT_OK


def cmd_hint(args, out) -> int:
    from tutor.exercises import record

    cat, progress = _setup(args, out)
    ex = _find(cat, args.target, one=True)[0]
    if not ex.hints:
        print(f"{ex.key} has no hints.")
        return EXIT_OK
    mine = record.show_hint(progress, ex)
    out.warnings()
    print_hint(ex, mine)
    if record.hints_shown(mine, ex) == len(ex.hints):
        print(f"That is the last hint; 'tutor solution {ex.key}' shows the reference solution.")
    return EXIT_OK


def cmd_solution(args, out) -> int:
    from tutor.exercises import record

    cat, progress = _setup(args, out)
    ex = _find(cat, args.target, one=True)[0]
    mine = record.state(progress, ex.lesson, ex.id)
    if not args.force and not record.solution_offered(mine, ex):
        out.err(
            f"tutor solution: {ex.key} has not passed yet and you have seen "
            f"{record.hints_shown(mine, ex)} of {plural(len(ex.hints), 'hint')}; "
            f"'tutor hint {ex.key}' shows the next one (so does 'tutor check' after a try "
            "that does not pass), or add --force"
        )
        return EXIT_FAILED
    record.show_solution(progress, ex)
    out.warnings()
    sys.stdout.write(ex.solution())
    return EXIT_OK


def cmd_reset_exercise(args, out) -> int:
    """`tutor reset LESSON/ID`: the starter back in the learner's file; the old one as .bak."""
    from tutor.cli import confirm
    from tutor.exercises import files

    cat, _ = _setup(args, out)
    ex = _find(cat, args.lesson, one=True)[0]
    if not args.yes and not confirm(
        f"Put the starter back in {files.path(ex)} (your file is kept as .bak)?",
        f"tutor reset: not resetting {ex.key} without asking",
    ):
        print("Nothing reset.")
        return EXIT_FAILED
    backup = files.reset(ex)
    kept = f"; your old file is {backup}" if backup else ""
    print(f"{files.path(ex)} is the starter again{kept}.")
    return EXIT_OK


HANDLERS = {
    "exercises": cmd_exercises,
    "check": cmd_check,
    "watch": cmd_watch,
    "hint": cmd_hint,
    "solution": cmd_solution,
}
