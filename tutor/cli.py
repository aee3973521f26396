"""The command line: open the app, or list, run and review lessons headless.

    tutor                         open the app (resumes the last lesson)
    tutor ID                      open the app at lesson ID
    tutor list [--json]           lessons with part, title, status
    tutor run ID [--set NAME=VALUE ...] [--device auto|cpu|cuda|mps] [--threads N] [--json]
                 [--no-save] [--solution]
    tutor progress [--json]       what is done, goal results, last runs
    tutor reset [ID] [--yes]      forget progress (asks first)
    tutor data [mnist] [--status] which MNIST the image lessons use
    tutor data mnist --from DIR [--force]   install the full MNIST from its four IDX files
    tutor exercises | check | watch | hint | solution ...   code exercises (tutor/cli_exercises.py)
    tutor reset LESSON/ID [--yes] an exercise's file back to its starter

`--progress-file PATH` (before or after the command) uses another progress file. A command
that finds another tutor saving waits for it (up to a minute, saying so) and never writes
without the file's lock. A second run of the same learner waits for the first to end.
Exit codes: 0 done; 1 a run failed (or a reset was declined); 2 bad input, with one line on
stderr naming what is allowed; 130 interrupted with Ctrl-C.
Textual is imported only to open the app, torch only to run a lesson.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import threading
from pathlib import Path
from typing import Any, Sequence

from tutor import __version__, cli_exercises
from tutor.devices import CHOICES as DEVICE_CHOICES
from tutor.formatting import metrics_line, plural, seconds, typed
from tutor.params import shown

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
CLI_LOCK_WAIT = 60.0  # seconds a command waits for another tutor's save before giving up


class BadInput(Exception):
    """Input the CLI refuses; the message is the one line printed (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line instead of usage + message
        # argparse quotes the value it refuses: a long one is cut
        message = re.sub(r"'([^']{60,})'", lambda m: shown(m.group(1)), message)
        raise BadInput(f"{self.prog}: {message} (see '{self.prog} --help')")


def _add_progress_file(parser: argparse.ArgumentParser, top: bool) -> None:
    parser.add_argument(
        "--progress-file",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="use this progress file instead of the default one",
    )


class _CommandOrLesson(argparse._SubParsersAction):
    """The commands, where any other word is a lesson to open: `tutor xor` is read as the
    hidden command `open xor`, and `tutor` alone opens the app (the default command)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = None  # any word is let through to __call__: a command or a lesson id

    def __call__(self, parser, namespace, values, option_string=None):
        if values[0] not in self._name_parser_map:
            values = ["open", *values]
        super().__call__(parser, namespace, values, option_string)


class _HelpOf(argparse.Action):
    """-h after a lesson id (`tutor xor -h`) prints the whole command line's help."""

    def __init__(self, option_strings, dest, top: argparse.ArgumentParser, help=None):
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, default=argparse.SUPPRESS, help=help)
        self.top = top

    def __call__(self, parser, namespace, values, option_string=None):
        self.top.print_help()
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tutor",
        description="Learn how neural networks train: lessons, live charts and "
        "real PyTorch runs, in the terminal.",
        epilog="Run 'tutor' to open the app where you left off, or 'tutor ID' to open a lesson.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    _add_progress_file(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", action=_CommandOrLesson)
    parser.set_defaults(command="open", lesson=None)

    p = sub.add_parser("open", add_help=False)  # not listed: the epilog says `tutor [ID]`
    p.add_argument("lesson", metavar="ID", nargs="?")
    p.add_argument("-h", "--help", action=_HelpOf, top=parser, help=argparse.SUPPRESS)
    _add_progress_file(p, top=False)

    p = sub.add_parser("list", help="the lessons, with part, title and status")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_progress_file(p, top=False)

    p = sub.add_parser("run", help="train a lesson headless and print its results")
    p.add_argument("lesson", metavar="ID", help="the lesson to run (see 'tutor list')")
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter (repeat for several)",
    )
    p.add_argument(
        "--device",
        choices=DEVICE_CHOICES,
        default=None,
        help="where to train (default: your setting, usually auto)",
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--no-save", action="store_true", help="do not record the run in your progress")
    p.add_argument(
        "--solution",
        action="store_true",
        help="start from the lesson's reference solution (--set applies on top)",
    )
    p.add_argument(
        "--mine",
        nargs="?",
        const="",
        default=None,
        metavar="EX[,EX]",
        help="train with your own code from the lesson's exercises (all you have written, or "
        "these), in a separate process, in place of the lesson's",
    )
    p.add_argument(
        "--threads",
        type=_positive_int,
        default=None,
        metavar="N",
        help="CPU threads for torch, at most the CPUs this process may use (default: "
        "your setting; auto is all of them but one, at most 4)",
    )
    _add_progress_file(p, top=False)

    p = sub.add_parser("progress", help="what is done, goal results and recent runs")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_progress_file(p, top=False)

    p = sub.add_parser("reset", help="forget progress for one lesson or all (asks first)")
    p.add_argument(
        "lesson",
        metavar="ID",
        nargs="?",
        help="the lesson to forget (default: all); LESSON/EXERCISE puts that exercise's starter back",
    )
    p.add_argument("--yes", action="store_true", help="do not ask")
    _add_progress_file(p, top=False)

    p = sub.add_parser(
        "data",
        help="which MNIST the image lessons use; install the full set",
        description="Without --from: say which MNIST the image lessons use. "
        "With --from DIR: check the four standard MNIST files in DIR "
        "(train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
        "t10k-labels-idx1-ubyte, each .gz or not) and install them.",
    )
    p.add_argument(
        "dataset", metavar="DATASET", nargs="?", choices=("mnist",), help="the data set (only mnist)"
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="DIR",
        help="install from the folder DIR holding the four standard files",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="install even if a .gz file differs from the published one (its "
        "contents must still pass every check)",
    )
    p.add_argument("--status", action="store_true", help="say which MNIST the lessons use")
    cli_exercises.add_parsers(sub, _add_progress_file)
    return parser


# ---------------------------------------------------------------------------- output helpers


class _Out:
    """stdout/stderr writers; progress warnings are printed once each."""

    def __init__(self) -> None:
        self.warned = 0
        self.progress = None

    def err(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def warnings(self) -> None:
        if self.progress is None:
            return
        for text in self.progress.warnings[self.warned :]:
            self.err(f"tutor: {text}")
        self.warned = len(self.progress.warnings)


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


# ---------------------------------------------------------------------------- commands


def _catalogue(out: _Out):
    from tutor.catalogue import catalogue

    cat = catalogue()
    for text in cat.warnings:
        out.err(f"tutor: {text}")
    return cat


def _progress(args: argparse.Namespace, out: _Out):
    from tutor.progress import Progress

    path = getattr(args, "progress_file", None)
    # A command may wait longer than the app for another tutor to finish saving: it says so.
    out.progress = Progress(Path(path) if path else None, lock_timeout=CLI_LOCK_WAIT)
    out.progress.on_wait = lambda text: out.err(f"tutor: {text}")
    out.warnings()
    return out.progress


def _known(cat, lesson_id: str) -> None:
    from tutor.catalogue import UnknownLesson

    try:
        cat.get(lesson_id)
    except UnknownLesson as exc:
        raise BadInput(f"tutor: {exc}") from None


def cmd_open(args: argparse.Namespace, out: _Out) -> int:
    cat = _catalogue(out)
    if args.lesson is not None:
        _known(cat, args.lesson)
    progress = _progress(args, out)
    try:
        from tutor.app import run_app
    except ImportError as exc:
        out.err(f"tutor: the app could not start: {exc}")
        return EXIT_FAILED
    return int(run_app(start=args.lesson, progress=progress) or 0)


def cmd_list(args: argparse.Namespace, out: _Out) -> int:
    cat = _catalogue(out)
    progress = _progress(args, out)
    rows = [{"id": r.id, "title": r.title, "part": r.part, "status": progress.status(r.id)} for r in cat]
    if args.json:
        print(_dump(rows))
        return EXIT_OK
    width = max((len(r["id"]) for r in rows), default=2)
    for part in cat.parts:
        print(part.title)
        for ref in part.lessons:
            status = progress.status(ref.id)
            print(f"  {ref.id:<{width}}  {'' if status == 'new' else status:<7}  {ref.title}")
    return EXIT_OK


def _overrides(lesson, sets: list[str], solution: bool) -> dict[str, Any]:
    values: dict[str, Any] = dict(lesson.solution) if solution else {}
    names = ", ".join(p.name for p in lesson.params) or "none"
    for item in sets:
        name, eq, raw = item.partition("=")
        if not eq or not name.strip():
            raise BadInput(
                f"tutor run: --set needs NAME=VALUE, got {shown(item)}; "
                f"the parameters of {lesson.id} are: {names}"
            )
        values[name.strip()] = raw
    return values


class _ProgressLine:
    """Shows how far a run is on stderr: one line rewritten in place on a terminal,
    otherwise a plain line every few seconds."""

    def __init__(self, lesson_id: str, tty: bool):
        self.lesson_id, self.tty = lesson_id, tty
        self.every = 0.2 if tty else 2.0
        self.shown = False

    def text(self, run) -> str:
        done, total, eta = run.progress()
        parts = [self.lesson_id]
        snap = run.snapshot(curves=False)
        if total:
            parts.append(f"step {done}/{total}  {100 * done // total:3d}%")
        elif snap.notes:  # e.g. waiting for the learner's other run
            parts.append(snap.notes[-1])
        last = snap.last
        if last:
            parts.append(metrics_line(last, limit=3, flags=True))
        if eta is not None and done < total:
            parts.append(f"ETA {seconds(eta)}")
        parts.append(f"{seconds(run.elapsed())} elapsed")
        return "  ".join(parts)

    def __call__(self, run) -> None:
        if run.result is not None:
            return
        try:
            line = self.text(run)
            if self.tty:
                cols = shutil.get_terminal_size((80, 24)).columns
                sys.stderr.write("\r" + line[: max(10, cols - 1)] + "\x1b[K")
            else:
                sys.stderr.write(line + "\n")
            sys.stderr.flush()
            self.shown = True
        except Exception:  # showing progress must never break the run
            pass

    def clear(self) -> None:
        if self.tty and self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _execute(run, line: _ProgressLine, out: _Out) -> tuple[Any, bool]:
    """Run in a worker thread; Ctrl-C stops it (the result still comes back)."""
    box: dict[str, Any] = {}
    finished = threading.Event()

    def work() -> None:
        try:
            box["result"] = run.execute()
        except BaseException as exc:  # execute() catches lesson errors; this is a last resort
            box["error"] = exc
        finally:
            finished.set()

    # Wait on an Event, not Thread.join: a Ctrl-C inside join can leave the thread looking
    # finished while it still runs.
    worker = threading.Thread(target=work, name="tutor-run", daemon=True)
    interrupted = False
    worker.start()
    while not finished.is_set():
        try:
            finished.wait(0.1)
        except KeyboardInterrupt:
            if interrupted:
                raise
            interrupted = True
            run.cancel()
            line.clear()
            out.err("tutor: stopping the run (Ctrl-C again to quit at once)…")
    line.clear()
    if "error" in box:
        raise box["error"]
    return box["result"], interrupted


def _summary(result, run_number: int | None, saving_note: str) -> str:
    lines = [f"{result.lesson}: {result.status} in {seconds(result.seconds)} on {result.device}"]
    if result.code:
        lines.append("code:    yours for " + ", ".join(result.code))
    if result.params:
        lines.append("params:  " + ", ".join(f"{k}={typed(v)}" for k, v in result.params.items()))
    if result.metrics:
        lines.append("metrics: " + metrics_line(result.metrics, limit=None, flags=True))
    if result.goal_met is not None:
        lines.append(
            ("goal:    met; " if result.goal_met else "goal:    not met; ")
            + result.goal_reason.removeprefix("goal met: ").removeprefix("goal met")
        )
    elif result.status != "finished":
        lines.append("goal:    not checked (the run did not finish)")
    if result.message:
        lines.append(f"message: {result.message}")
    for chart_id, figure in result.figures.items():
        summary = getattr(figure, "summary", "")
        if summary:
            lines.append(f"{chart_id}: {summary}")
    for note in result.notes:
        lines.append(f"note:    {note}")
    lines.append(saving_note if run_number is None else f"saved as run {run_number}")
    return "\n".join(line.rstrip("; ") for line in lines)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a whole number of at least 1")
    return value


def _with_learner_code(cat, lesson, wanted: str, progress):
    """--mine: the lesson with the learner's functions in place of its own (run in a child
    process), and what the result records of it."""
    from tutor.exercises import for_lesson, mine

    exercises = for_lesson(cat.get(lesson.id))
    try:
        chosen = mine.choose(exercises, wanted or None)
    except mine.Refused as exc:
        raise BadInput(f"tutor run --mine: {exc}") from None
    return mine.for_run(lesson, chosen, progress)


def cmd_run(args: argparse.Namespace, out: _Out) -> int:
    from tutor import devices
    from tutor.params import ParamError

    cat = _catalogue(out)
    _known(cat, args.lesson)
    progress = _progress(args, out)
    choice = args.device
    if choice is None:
        choice = progress.settings().get("device", "auto")
        if choice not in DEVICE_CHOICES:
            choice = "auto"
    try:
        device = devices.resolve(choice)
    except devices.DeviceUnavailable as exc:
        if args.device is None:  # a saved setting that no longer fits this machine
            out.err(f"tutor: {exc}; using auto")
            device = devices.resolve("auto")
        else:
            raise BadInput(f"tutor run: {exc}") from None
    try:
        lesson = cat.get(args.lesson).load()
    except Exception as exc:
        out.err(f"tutor: lesson {shown(args.lesson)} could not be loaded: {type(exc).__name__}: {exc}")
        return EXIT_FAILED
    try:
        params = lesson.resolve(_overrides(lesson, args.sets, args.solution), base=None)
    except ParamError as exc:
        raise BadInput(f"tutor run: {exc}") from None

    from tutor import cpus
    from tutor.runner import Run

    # The lessons' models are small: on a busy machine every extra intra-op thread costs more
    # in synchronisation than it gains (seq2seq: 7 s on one thread, 126 s on two, 2-core box).
    threads = cpus.threads(args.threads or progress.settings().get("threads"))
    if args.threads and threads < args.threads:
        out.err(
            f"tutor: --threads {args.threads} is more than the {plural(threads, 'CPU')} this process "
            f"may use; using {threads}"
        )
    code: dict[str, str] = {}
    if args.mine is not None:
        lesson, code = _with_learner_code(cat, lesson, args.mine, progress)
    line = _ProgressLine(lesson.id, sys.stderr.isatty())
    run = Run(
        lesson,
        params,
        device,
        listener=line,
        listen_every=line.every,
        threads=threads,
        history=progress.runs(lesson.id),
        code=code,
    )
    result, interrupted = _execute(run, line, out)

    number = None
    if args.no_save:
        note = "not saved (--no-save)"
    else:
        number = progress.record_run(result)
        note = "not saved (progress is not being saved)"
        if progress.unsaved and not progress.flush():
            note = "not saved (another tutor kept the progress file locked)"
        if not progress.saving or progress.unsaved:
            number = None
    out.warnings()

    if args.json:
        data = result.to_json()
        data["figure_summaries"] = {k: getattr(f, "summary", "") for k, f in result.figures.items()}
        data["run"] = number
        print(_dump(data))
    else:
        print(_summary(result, number, note))
    sys.stdout.flush()

    if interrupted:
        return EXIT_INTERRUPTED
    if result.status == "failed":
        if result.error:
            out.err(result.error.rstrip())
        out.err(f"tutor: the run failed: {result.message}")
        return EXIT_FAILED
    return EXIT_OK


def _progress_rows(cat, progress) -> list[dict]:
    from tutor.exercises import for_lesson, record

    refs = {r.id: r for r in cat}
    ids = list(refs) + [i for i in progress.data["lessons"] if i not in refs]
    rows = []
    for lesson_id in ids:
        ref = refs.get(lesson_id)
        entry = progress.lesson(lesson_id)
        runs = progress.runs(lesson_id)
        quiz = entry["quiz"].values()
        rows.append(
            {
                "id": lesson_id,
                "title": ref.title if ref else "",
                "part": ref.part if ref else "",
                "in_course": ref is not None,
                "status": progress.status(lesson_id),
                "goal": entry["goal"],
                "hints_shown": entry["hints_shown"],
                "quiz": {"answered": len(quiz), "correct": sum(bool(q.get("correct")) for q in quiz)},
                "exercises": [
                    {
                        "id": ex.id,
                        "status": record.status(progress, ex.lesson, ex.id),
                        "attempts": int(mine.get("attempts", 0)),
                        "hints_shown": record.hints_shown(mine, ex),
                        "hints": len(ex.hints),
                        "solution_shown": mine.get("solution_shown"),
                    }
                    for ex in (for_lesson(ref) if ref else ())
                    for mine in [record.state(progress, ex.lesson, ex.id)]
                ],
                "runs": len(runs),
                "last_runs": [
                    {k: v for k, v in r.items() if k not in ("curves", "figures")} for r in runs[-3:]
                ],
            }
        )
    return rows


def exercises_line(progress, ref) -> str:
    """ "1 of 2 passed, 3 hints used" for a lesson's exercises; "" if it has none."""
    from tutor.exercises import for_lesson
    from tutor.exercises.record import hints_used, passed_line

    exercises = for_lesson(ref)
    hints = hints_used(progress, exercises)
    return passed_line(progress, exercises) + (
        f", {hints} hint{'' if hints == 1 else 's'} used" if hints else ""
    )


def cmd_progress(args: argparse.Namespace, out: _Out) -> int:
    cat = _catalogue(out)
    progress = _progress(args, out)
    rows = _progress_rows(cat, progress)
    course = [r for r in rows if r["in_course"]]
    done = sum(r["status"] == "done" for r in course)
    if args.json:
        print(
            _dump(
                {
                    "file": str(progress.path),
                    "saving": progress.saving,
                    "last_lesson": progress.last_lesson(),
                    "done": done,
                    "total": len(course),
                    "lessons": rows,
                }
            )
        )
        return EXIT_OK
    print(f"Progress file: {progress.path}" + ("" if progress.saving else " (not being saved)"))
    print(f"{done} of {len(course)} lessons done.")
    active = [r for r in rows if r["status"] != "new"]
    if not active:
        print("Nothing started yet: run 'tutor' to begin.")
    for r in active:
        title = r["title"] or "(no longer in the course)"
        print(f"\n{r['id']}  {r['status']}  {title}")
        goal = r["goal"]
        if goal and goal.get("met"):
            print(f"  goal met {goal.get('at', '')} with run {goal.get('run', '?')}")
        if r["quiz"]["answered"]:
            print(f"  quizzes: {r['quiz']['correct']} of {r['quiz']['answered']} answered right")
        if r["hints_shown"]:
            print(f"  hints shown: {r['hints_shown']}")
        if r["in_course"] and (line := exercises_line(progress, cat.get(r["id"]))):
            print(f"  exercises: {line}")
        for run in r["last_runs"]:
            metrics = metrics_line(run.get("metrics") or {}, limit=None, flags=True)
            goal_text = {True: "goal met", False: "goal not met"}.get(run.get("goal_met"), "")
            code = f"your {', '.join(run['code'])}" if run.get("code") else ""
            bits = [b for b in (run.get("status"), code, metrics, goal_text) if b]
            print(f"  run {run.get('n')}: " + "; ".join(str(b) for b in bits))
    return EXIT_OK


def confirm(question: str, refusal: str) -> bool:
    """Ask a yes/no question on the terminal (default no). Without a terminal there is no one
    to ask: BadInput with `refusal`, and how to confirm."""
    if not sys.stdin.isatty():
        raise BadInput(f"{refusal}; pass --yes to confirm")
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("y", "yes")


def cmd_reset(args: argparse.Namespace, out: _Out) -> int:
    if args.lesson is not None and "/" in args.lesson:
        return cli_exercises.cmd_reset_exercise(args, out)
    cat = _catalogue(out)
    progress = _progress(args, out)
    if args.lesson is not None and args.lesson not in progress.data["lessons"]:
        _known(cat, args.lesson)
    what = f"lesson {args.lesson}" if args.lesson else "every lesson"
    if not args.yes and not confirm(
        f"Forget progress for {what}?", f"tutor reset: not forgetting progress for {what} without asking"
    ):
        print("Nothing forgotten.")
        return EXIT_FAILED
    progress.reset(args.lesson)
    out.warnings()
    print(f"Forgot progress for {what}." + ("" if progress.saving else " (Not saved.)"))
    return EXIT_OK


def cmd_data(args: argparse.Namespace, out: _Out) -> int:
    if args.source is None:
        if args.force:
            raise BadInput("tutor data: --force goes with --from DIR (see 'tutor data --help')")
        from lessons import mnist

        print(mnist.status())
        return EXIT_OK
    if args.dataset is None:
        raise BadInput("tutor data: say which data set to install: tutor data mnist --from DIR")
    if args.status:
        raise BadInput("tutor data: use either --status or --from DIR, not both")
    from lessons import mnist

    print(f"Checking the MNIST files in {args.source} …", flush=True)
    try:
        installed = mnist.install(Path(args.source), force=args.force)
    except mnist.InstallError as exc:
        lines = ["tutor data mnist: nothing installed:"] + [f"  {p}" for p in exc.problems]
        if exc.checksum_only:
            lines.append("  If you trust these files, add --force to install them anyway.")
        raise BadInput("\n".join(lines)) from None
    except OSError as exc:
        out.err(f"tutor data mnist: nothing installed: could not write the files: {exc}")
        return EXIT_FAILED
    for c in installed.files:
        kind = (
            "the MD5 matches the published file"
            if c.published
            else "the MD5 differs from the published file (--force)"
            if c.published is False
            else "uncompressed, so no published MD5 to compare"
        )
        what = "images of 28×28" if c.array.ndim == 3 else "labels"
        print(f"  {c.path.name}: {len(c.array):,} {what}; {kind}")
    train, test = installed.counts
    print(f"Installed the full MNIST ({train:,} training and {test:,} test digits) in {installed.target}.")
    print("The image lessons use it from their next run; 'tutor data' says which set they use.")
    return EXIT_OK


# ---------------------------------------------------------------------------- main


HANDLERS = {
    "open": cmd_open,
    "list": cmd_list,
    "run": cmd_run,
    "progress": cmd_progress,
    "reset": cmd_reset,
    "data": cmd_data,
    **cli_exercises.HANDLERS,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = _Out()
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version
            return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
        return HANDLERS[args.command](args, out)
    except BadInput as exc:
        out.err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        out.err("tutor: interrupted")
        return EXIT_INTERRUPTED
    finally:
        if out.progress is not None:
            out.progress.flush()
        out.warnings()


if __name__ == "__main__":
    raise SystemExit(main())
