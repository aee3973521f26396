"""A run of a lesson: the one object lesson code talks to.

    for epoch in run.epochs(p.epochs):      # progress, ETA, cancellation
        ...
        run.log(epoch, train_loss=loss.item())
    run.show("decision", Heatmap(...))
    return {"test_accuracy": acc}

The same `Run` serves the app (train runs in a thread worker; the UI polls `run.snapshot()`
a few times a second) and the headless CLI (a `listener` prints progress, throttled).
This module imports no Textual; torch is imported only when a run executes.
"""

from __future__ import annotations

import fnmatch
import gc
import math
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Callable, Iterator, Sequence

from tutor import cpus
from tutor.figures import CurveStats, GrowingCurve, downsample, figure_to_json
from tutor.formatting import number, seconds
from tutor.lesson import Lesson
from tutor.params import Params

__all__ = [
    "Run",
    "RunResult",
    "Cancelled",
    "Diverged",
    "RunFailed",
    "Snapshot",
    "GROWTH",
    "LOSS_NAMES",
    "default_threads",
    "use_threads_setting",
]

CURVE_POINTS = 300  # points per curve kept in a result (and the progress file)


class Cancelled(BaseException):
    """Raised inside lesson code when the learner stops the run. A BaseException, like
    KeyboardInterrupt, so a lesson's own `except Exception` (demonstrating an error) cannot
    swallow a Stop."""


# When a finite loss counts as diverged (Run.diverge_when): a value of a metric named like a
# loss that grows to more than GROWTH times the size of its first logged value (or than
# GROWTH itself, for a loss that starts below 1: a noisy batch loss may start tiny).
GROWTH = 1_000_000  # a count of times: written 1,000,000
LOSS_NAMES = ("*loss*", "*mse*")


class Diverged(Exception):
    """Raised by run.log when a logged value is NaN or infinite, or a loss grew past its limit
    (`first` is then its first logged value)."""

    def __init__(
        self, metric: str, value: float, step: int, first: float | None = None, growth: float | None = None
    ):
        super().__init__(f"{metric} became {value} at step {step}")
        self.metric, self.value, self.step = metric, value, step
        self.first, self.growth = first, growth

    def explain(self) -> str:
        if self.first is None:
            what = f"{self.metric} became {number(self.value)} at step {number(self.step)}"
        else:
            limit = f"more than {number(self.growth)}"
            if abs(self.first) >= 1:
                limit += " times its first value"
            what = (
                f"{self.metric} grew from {number(self.first)} to {number(self.value)} "
                f"by step {number(self.step)}, {limit}"
            )
        return (
            f"{what}: the updates grew without bound. The learning rate is probably too "
            "high for this problem; try a smaller one."
        )


class RunFailed(Exception):
    """Raised by a train that runs elsewhere (tutor.exercises.mine: the learner's code in a
    child process) to end the run as "failed" with its own message and details (a traceback
    from the child, cut to the learner's lines) instead of this process's traceback."""

    def __init__(self, message: str, details: str | None = None):
        super().__init__(message)
        self.message, self.details = message, details


@dataclass
class Snapshot:
    """What changed since the UI last looked (taken under the run's lock)."""

    version: int
    curves: dict[str, list[tuple[float, float]]]
    figures: dict[str, Any]
    done: int
    total: int
    eta: float | None
    notes: list[str]
    last: dict[str, float]
    fraction: float = 0.0  # of the whole run, nested loops combined
    loops: list[tuple[int, int]] = field(default_factory=list)  # open loops, outermost first
    stats: dict[str, CurveStats] = field(default_factory=dict)  # over every point logged


@dataclass
class RunResult:
    lesson: str
    params: dict[str, Any]
    device: str
    status: str
    metrics: dict[str, Any]
    seconds: float
    started: str
    message: str = ""
    error: str | None = None
    goal_met: bool | None = None
    goal_reason: str = ""
    curves: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    stats: dict[str, CurveStats] = field(default_factory=dict)  # over every point logged
    code: dict[str, str] = field(default_factory=dict)  # exercise id -> "mine": whose code ran

    def to_json(self, with_figures: bool = False) -> dict[str, Any]:
        data = {
            "lesson": self.lesson,
            "params": self.params,
            "device": self.device,
            "status": self.status,
            "metrics": _json_metrics(self.metrics),
            "goal_met": self.goal_met,
            "goal_reason": self.goal_reason,
            "seconds": round(self.seconds, 3),
            "started": self.started,
            "message": self.message,
            "notes": self.notes,
            "curves": {k: [[x, y] for x, y in v] for k, v in self.curves.items()},
            "stats": {k: v.to_json() for k, v in self.stats.items()},
        }
        if self.error:
            data["error"] = self.error
        if self.code:
            data["code"] = dict(self.code)
        if with_figures:
            data["figures"] = {k: figure_to_json(v) for k, v in self.figures.items()}
        return data


def _json_metrics(metrics: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in metrics.items():
        if hasattr(v, "item"):
            v = v.item()
        if isinstance(v, float) and not math.isfinite(v):
            v = str(v)
        out[k] = v
    return out


class _FullCollections:
    """Python's full garbage collection, held off while any run trains.

    A full collection walks every object in the process: in the app (Textual, torch,
    scikit-learn: ~400,000 objects) it takes ~0.2 s with the GIL held, which stalls both the
    training and the interface, and it came every few runs. While a run trains, only the
    young generations are collected (they hold what the run makes); the full collection
    waits for the end. (gc.freeze/unfreeze around the run would do it too, but after a
    long run unfreezing leaves the collector's count of old objects too low, and a full
    collection over all of them comes soon after.)"""

    OFF = 1 << 30  # gen-1 collections between full ones

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runs = 0
        self._saved = 10

    def pause(self) -> None:
        with self._lock:
            self._runs += 1
            if self._runs == 1:
                young, middle, self._saved = gc.get_threshold()
                gc.set_threshold(young, middle, self.OFF)

    def resume(self) -> None:
        with self._lock:
            self._runs -= 1
            if self._runs == 0:
                young, middle, _ = gc.get_threshold()
                gc.set_threshold(young, middle, self._saved)


_full_collections = _FullCollections()
_training = threading.local()  # .held: this thread holds the learner's training lock


_threads_setting: Any = "auto"


def use_threads_setting(setting: Any) -> None:
    """The learner's choice ("auto" or a number; the app's settings), for default_threads."""
    global _threads_setting
    _threads_setting = setting


def default_threads() -> int:
    """Torch threads for a run: the learner's setting, else a modest share of the CPUs this
    process may use, leaving one to the interface (tutor.cpus)."""
    return cpus.threads(_threads_setting)


class Run:
    """One execution of a lesson's `train(p, run)`.

    params: resolved values (Lesson.resolve). device: "cpu", "cuda" or "mps" (resolved).
    listener(run): called from the training thread at most every `listen_every` seconds.
    history: this lesson's earlier runs, oldest first, as saved in the progress file
    (dicts with at least "params", "metrics", "status"), so a lesson can show a table of
    results the learner fills in run by run. code: which exercises' code the run used in
    place of the lesson's (exercise id -> "mine"; tutor.exercises.mine), kept in the result.
    """

    def __init__(
        self,
        lesson: Lesson,
        params: dict[str, Any],
        device: str = "cpu",
        listener: Callable[["Run"], None] | None = None,
        listen_every: float = 0.5,
        threads: int | None = None,
        history: list[dict] | None = None,
        code: dict[str, str] | None = None,
    ):
        self.lesson = lesson
        self.code = dict(code or {})
        self.params = Params(params)
        self.device = device
        self.history = list(history or [])
        self.threads = threads
        self._listener = listener
        self._listen_every = listen_every
        self._last_listen = 0.0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._version = 0
        self._curves: dict[str, list[tuple[float, float]]] = {}
        self._live: dict[str, GrowingCurve] = {}  # the curves as the UI draws them, see snapshot
        self._live_lock = threading.Lock()
        self._thread: int | None = None  # the thread running train, while it runs
        self._stop_hook: Any = None
        self._figures: dict[str, Any] = {}
        self._notes: list[str] = []
        self._last: dict[str, float] = {}
        self._growth: float | None = GROWTH  # the divergence rule (diverge_when)
        self._watched: tuple[str, ...] = LOSS_NAMES
        self._limits: dict[str, tuple[float, float] | None] = {}  # name -> (first, limit)
        self._loops: list[list[int]] = []  # open run.epochs/run.steps loops: [done, total]
        self._done = 0  # the outermost loop's count (for display)
        self._total = 0
        self._fraction = 0.0  # of the whole run, nested loops combined
        self._t0 = time.monotonic()
        self._progress_t0: float | None = None
        self._ended = threading.Event()  # set when execute() has returned
        self.result: RunResult | None = None

    # ------------------------------------------------------------------ lesson-facing API
    @property
    def cancelled(self) -> bool:
        """True once the learner asked to stop (a run with the learner's code polls it)."""
        return self._stop.is_set()

    def check(self) -> None:
        """Raise Cancelled if the learner stopped the run. Needed only in a long loop that
        calls no nn.Module: run.epochs/steps and every forward pass already check."""
        if self._stop.is_set():
            raise Cancelled()

    def epochs(self, n: int) -> Iterator[int]:
        """0, 1, …, n-1 with progress and ETA; stops the run promptly when cancelled."""
        return self._count(n)

    def steps(self, n: int) -> Iterator[int]:
        """Like epochs(), for lessons that count optimiser steps or items."""
        return self._count(n)

    def _count(self, n: int) -> Iterator[int]:
        """Loops nest: `for m in run.steps(len(models)): for e in run.epochs(k)` makes one
        progress bar and ETA for the whole run (model 2 of 4, epoch 13 of 50 = 31%).

        A step costs two stores and a test: the fraction and ETA are worked out when someone
        looks (snapshot, progress). Single stores need no lock under the GIL; the lock guards
        what a reader iterates over (the list of open loops)."""
        loop = [0, int(n)]
        with self._lock:
            if not self._loops:  # a new top-level loop: it counts from zero
                self._progress_t0 = time.monotonic()
                self._fraction = 0.0
            self._loops.append(loop)
            self._update_progress()
        stop, listening = self._stop, self._listener is not None
        try:
            for i in range(loop[1]):
                if stop.is_set():
                    raise Cancelled()
                yield i
                loop[0] = i + 1
                self._version += 1
                if listening:
                    self._maybe_listen()
        finally:
            with self._lock:  # by identity: two loops can hold equal counts
                self._update_progress()  # keep this loop's last count in the fraction
                self._loops = [open_loop for open_loop in self._loops if open_loop is not loop]

    def _update_progress(self) -> None:
        """(under the lock) the outermost loop's count and the whole run's fraction, which
        only grows within a top-level loop (between an inner loop's end and the outer loop's
        next count, the open loops alone would say less)."""
        if not self._loops:
            return
        self._done, self._total = self._loops[0]
        fraction, scale = 0.0, 1.0
        for done, total in self._loops:
            if not total:
                break
            fraction += scale * done / total
            scale /= total
        self._fraction = max(self._fraction, min(1.0, fraction))

    def mirror_progress(self, loops: Sequence[Sequence[int]], fraction: float) -> None:
        """Take the open loops and the fraction done from a run that counts elsewhere (the
        learner's code running in a child process), so the bar and the ETA follow it."""
        with self._lock:
            if loops and not self._loops:
                self._progress_t0 = time.monotonic()
                self._fraction = 0.0
            self._loops = [[int(done), int(total)] for done, total in loops]
            self._fraction = max(self._fraction, min(1.0, float(fraction)))
            self._update_progress()
            self._version += 1
        self._maybe_listen()

    def diverge_when(self, growth: float | None = GROWTH, metrics: Sequence[str] = LOSS_NAMES) -> None:
        """When a run counts as diverged. A NaN or infinite logged value always does; so does
        a value of a metric matching one of the glob patterns `metrics` (by default those
        named like a loss) that grows to more than `growth` times the size of its first
        logged value, or than `growth` itself where that value is below 1: a loss that
        explodes without (yet) overflowing. growth=None keeps only the NaN/inf rule (e.g. to
        watch a loss overflow). Call before logging."""
        self._growth, self._watched, self._limits = growth, tuple(metrics), {}

    def _limit(self, name: str, first: float) -> tuple[float, float] | None:
        if self._growth is None or not any(fnmatch.fnmatchcase(name, pattern) for pattern in self._watched):
            return None
        return first, self._growth * max(abs(first), 1.0)

    def log(self, step: float, **metrics: float) -> None:
        """Record metric values at a step (an epoch, a batch). A NaN or infinite value, or a
        loss grown past its limit (diverge_when), stops the run as diverged (and nothing of
        that step is recorded)."""
        values, limits = [], self._limits
        for name, value in metrics.items():
            value = float(value.item() if hasattr(value, "item") else value)
            if not math.isfinite(value):
                raise Diverged(name, value, int(step))
            if name not in limits:
                limits[name] = self._limit(name, value)
            elif (limit := limits[name]) is not None and abs(value) > limit[1]:
                raise Diverged(name, value, int(step), limit[0], self._growth)
            values.append((name, value))
        step = float(step)
        curves, last = self._curves, self._last
        for name, value in values:
            if name not in curves:  # a new key: readers iterate under the lock
                with self._lock:
                    curves[name] = []
            curves[name].append((step, value))
            last[name] = value
        self._version += 1
        if self._listener is not None:
            self._maybe_listen()

    def show(self, chart_id: str, figure: Any) -> None:
        """Show a figure (tutor.figures) in the chart panel `chart_id`."""
        with self._lock:
            self._figures[chart_id] = figure
            self._version += 1
        self._maybe_listen()

    def note(self, text: str) -> None:
        """A line for the learner, e.g. which data set the run used."""
        with self._lock:
            self._notes.append(text)
            self._version += 1

    # ------------------------------------------------------------------ control
    def cancel(self) -> None:
        """Stop the run: the next run.epochs/steps/check, or the next nn.Module forward pass
        in the training thread, raises Cancelled (so an inner batch loop needs no check)."""
        with self._lock:
            self._stop.set()
            if self._thread is None or self._stop_hook is not None:
                return  # not running (yet, or any more)
            thread = self._thread
            import torch  # (already imported: train is running)

            def stop_check(module, args):
                if threading.get_ident() == thread:
                    raise Cancelled()

            # A global hook costs every forward pass a little, so it exists only once a
            # Stop has been asked for, and execute() removes it when train returns.
            self._stop_hook = torch.nn.modules.module.register_module_forward_pre_hook(stop_check)

    def set_param(self, name: str, value: Any) -> None:
        """Change a live parameter while the run goes on (the lesson re-reads it)."""
        if not self.lesson.param(name).live:
            raise ValueError(f"{name} cannot be changed during a run")
        self.params.set(name, value)
        self.note(f"{name} changed to {self.lesson.param(name).format(value)}")

    # ------------------------------------------------------------------ observing
    def _maybe_listen(self) -> None:
        if self._listener is None:
            return
        now = time.monotonic()
        if now - self._last_listen >= self._listen_every:
            self._last_listen = now
            self._listener(self)

    @property
    def version(self) -> int:
        return self._version

    def progress(self) -> tuple[int, int, float | None]:
        """(done, total, eta_seconds or None): done/total of the outermost loop; the ETA
        covers the whole run (nested loops combined)."""
        with self._lock:
            self._update_progress()
            return self._done, self._total, self._eta()

    def _eta(self) -> float | None:
        if self._fraction <= 0 or self._progress_t0 is None:
            return None
        elapsed = time.monotonic() - self._progress_t0
        return elapsed * (1 - self._fraction) / self._fraction

    def snapshot(self, max_points: int = CURVE_POINTS, curves: bool = True) -> Snapshot:
        """A consistent copy of everything the UI draws, each curve at most `max_points`
        points, with each curve's stats over every point (curves=False leaves both out:
        cheaper when only the status is wanted).

        Curves are thinned incrementally (GrowingCurve), taking only the points logged since
        the last snapshot, so a redraw late in a long run costs no more than an early one."""
        with self._lock:
            self._update_progress()
            snap = Snapshot(
                self._version,
                {},
                dict(self._figures),
                self._done,
                self._total,
                self._eta(),
                list(self._notes),
                dict(self._last),
                self._fraction,
                [tuple(loop) for loop in self._loops],
            )
        if curves:
            with self._live_lock:  # one snapshot at a time feeds the live curves
                with self._lock:
                    new = {
                        name: points[self._live[name].count if name in self._live else 0 :]
                        for name, points in self._curves.items()
                    }
                for name, points in new.items():
                    self._live.setdefault(name, GrowingCurve()).add(points)
                snap.curves = {name: live.points(max_points) for name, live in self._live.items()}
                snap.stats = {name: replace(live.stats) for name, live in self._live.items()}
        return snap

    def wait(self, timeout: float | None = None) -> RunResult | None:
        """The result once execute() (in another thread) has returned, or None after
        `timeout` seconds."""
        self._ended.wait(timeout)
        return self.result

    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    # ------------------------------------------------------------------ executing
    def execute(self) -> RunResult:
        """Run the lesson's train function to its end and return what happened.

        Never raises for lesson errors: a crash becomes status "failed" with the traceback,
        NaN/inf becomes "diverged", a stop becomes "cancelled"."""
        try:
            return self._execute()
        finally:
            self._ended.set()

    @contextmanager
    def _one_run_per_learner(self) -> Iterator[None]:
        """Hold the learner's training lock (TUTOR_HOME/training.lock) while train runs, so a
        second run of the same learner (another window, `tutor run`) waits for this one
        instead of doubling the load on a shared machine. Waiting is stopped like a run;
        where the lock cannot be used at all, the run goes on without it. A run started
        inside another's train (same thread) goes on: it is part of that run."""
        from filelock import FileLock, Timeout

        from tutor import locations

        if getattr(_training, "held", False):
            yield
            return
        try:
            path = locations.training_lock()
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(path))
            lock.acquire(timeout=0)
        except Timeout:
            self.note(
                "waiting for your other run to finish (in another tutor window or "
                "`tutor run`); stop to give up"
            )
            if self._listener is not None:
                self._listener(self)
            waited = time.monotonic()
            while True:
                self.check()
                try:
                    lock.acquire(timeout=0.2)
                    break
                except Timeout:
                    continue
            self.note(f"started after waiting {seconds(time.monotonic() - waited)} for your other run")
        except OSError:
            lock = None
        _training.held = True
        try:
            yield
        finally:
            _training.held = False
            if lock is not None:
                lock.release()

    def _execute(self) -> RunResult:
        import torch

        if self.threads:  # never more than this process may use
            torch.set_num_threads(cpus.threads(self.threads))
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._t0 = time.monotonic()
        status, message, error, metrics = "finished", "", None, {}
        with self._lock:
            self._thread = threading.get_ident()
        _full_collections.pause()
        try:
            self.check()  # stopped before it started
            with self._one_run_per_learner():
                self._t0 = time.monotonic()  # (not counting a wait for another run)
                metrics = dict(self.lesson.train(self.params, self) or {})
        except Cancelled:
            status, message = "cancelled", "Stopped before the end; metrics are from the last step logged."
        except Diverged as exc:
            status, message = "diverged", exc.explain()
        except RunFailed as exc:
            status, message, error = "failed", exc.message, exc.details
        except Exception as exc:  # the app and CLI show it; they must not die
            status, message = "failed", f"{type(exc).__name__}: {exc}"
            error = traceback.format_exc()
        finally:
            _full_collections.resume()
            with self._lock:
                self._thread = None
                if self._stop_hook is not None:
                    self._stop_hook.remove()
                    self._stop_hook = None
        seconds = time.monotonic() - self._t0
        if status != "finished":
            metrics = {**self._last, **metrics}
        snap = self.snapshot(curves=False)
        with self._lock:  # saved curves: thinned from every point logged
            curves = {name: downsample(points, CURVE_POINTS) for name, points in self._curves.items()}
            stats = {name: CurveStats().add(points) for name, points in self._curves.items()}
        params = self.lesson.params_to_json(self.params.as_dict())
        result = RunResult(
            self.lesson.id,
            params,
            self.device,
            status,
            metrics,
            seconds,
            started,
            message,
            error,
            curves=curves,
            figures=snap.figures,
            notes=snap.notes,
            stats=stats,
            code=dict(self.code),
        )
        if status == "finished" and self.lesson.goal is not None:
            result.goal_met, result.goal_reason = self.lesson.goal.check(metrics, self.params.as_dict())
        self.result = result
        if self._listener is not None:
            self._listener(self)
        return result
