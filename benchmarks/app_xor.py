"""The xor lesson inside the real app, driven headless by Textual's Pilot (120x36).

Two sessions, each in its own process when run by the suite:
  training: open xor, press r, wait for the run to end, twice; each run's own `seconds`.
  lag:      the same runs with an event-loop probe (a coroutine that sleeps 10 ms and records
            how late it wakes), before (idle) and during training; then key round trips
            (press n or p, time until the page has changed and the next frame is drawn): the
            session's first page change, later ones idle, and while a run trains.
Keys are posted as `events.Key` to the app, as the terminal driver does; `Pilot.press` is not
used because it waits for the process to go idle, which never happens while training runs.

    python -m benchmarks.app_xor training --runs 2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

SIZE = (120, 36)
LESSON = "xor"


UI_CPU_IN_RUN: list[float] = []


def _record_ui_cpu_during_runs() -> None:
    """Each run appends to UI_CPU_IN_RUN the CPU the UI thread (this process's main thread)
    used while the run's own seconds were counted, read from that thread's CPU clock."""
    import threading

    from tutor.runner import Run

    if getattr(Run.execute, "records_ui_cpu", False):
        return
    clock = time.pthread_getcpuclockid(threading.main_thread().ident)
    execute = Run.execute

    def timed_execute(self):
        before = time.clock_gettime(clock)
        try:
            return execute(self)
        finally:
            UI_CPU_IN_RUN.append(time.clock_gettime(clock) - before)

    timed_execute.records_ui_cpu = True
    Run.execute = timed_execute


def make_app(home: Path, epochs: int | None = None):
    from tutor.app import TutorApp
    from tutor.progress import Progress

    _record_ui_cpu_during_runs()
    progress = Progress(home / "progress.json")
    if epochs is not None:  # smoke tests only: a shorter run than the default
        progress.set_params(LESSON, {"epochs": epochs})
    return TutorApp(progress=progress, start=LESSON)


def press(app, key: str) -> None:
    """A key press as the terminal driver delivers it."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app.post_message(event)


async def until(condition, timeout: float, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the expected state in time")
        await asyncio.sleep(step)


async def open_lesson(app):
    from tutor.screens.lesson import LessonScreen

    await until(
        lambda: (
            isinstance(app.screen, LessonScreen)
            and app.screen.is_mounted
            and bool(app.screen.query(".param-row"))
        ),
        timeout=60,
    )
    await next_frame(app)
    return app.screen


async def next_frame(app) -> None:
    painted = asyncio.Event()
    app.call_after_refresh(painted.set)
    await painted.wait()


async def settle(quiet: float = 0.1, timeout: float = 5.0) -> None:
    """Wait until the UI thread (this one) has used next to no CPU for `quiet` seconds: the
    last result is drawn, as it is when a learner presses r. Without this, a run started the
    moment the last one ended trains while that result's charts are painted."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cpu = time.thread_time()
        await asyncio.sleep(quiet)
        if time.thread_time() - cpu < 0.1 * quiet:
            return


async def run_once(app, screen, timeout: float = 600) -> dict:
    """On a settled app, press r and wait for the run to end; the run's own result, and the
    CPU seconds the UI thread (this one: the app's event loop) used from the key press to the
    end."""
    await settle()
    before = screen.last_result
    cpu = time.thread_time()
    press(app, "r")
    await until(lambda: screen.run_in_progress is None and screen.last_result is not before, timeout=timeout)
    ui_cpu = time.thread_time() - cpu
    r = screen.last_result
    return {
        "seconds": r.seconds,
        "status": r.status,
        "metrics": _plain(r.metrics),
        "goal_met": r.goal_met,
        "ui_thread_cpu": ui_cpu,
        "ui_cpu_in_run": UI_CPU_IN_RUN[-1] if UI_CPU_IN_RUN else None,
    }


def _plain(metrics: dict) -> dict:
    return {k: v for k, v in metrics.items() if isinstance(v, (int, float, str, bool))}


def plain_in_process(screen) -> float:
    """The plain script's loop (benchmarks/plain_xor.py) with this run's params, run here on
    the UI thread, so the event loop is blocked and the app does nothing meanwhile; its
    seconds. (The app froze its own objects out of garbage collection when the lesson
    opened, so, as in the plain script's own process, no collection walks them.)"""
    import inspect

    from benchmarks.plain_xor import train_xor

    lesson = screen.lesson
    params = lesson.params_to_json(lesson.resolve(screen.progress.lesson(LESSON).get("params") or {}))
    return train_xor(**{k: params[k] for k in inspect.signature(train_xor).parameters})["seconds"]


async def training_session(home: Path, runs: int = 2, epochs: int | None = None) -> dict:
    """`runs` runs in the app; each warm one is paired with the plain loop run in this process
    just before or after it (alternately), so both see the machine in the same state."""
    import torch

    app = make_app(home, epochs)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lesson(app)
        results = [await run_once(app, screen)]  # cold: torch's lazy imports
        plain_in_process(screen)  # the plain loop's own warm-up
        for i in range(runs - 1):
            if i % 2:
                await settle()
                plain = plain_in_process(screen)
                results.append(await run_once(app, screen))
            else:
                results.append(await run_once(app, screen))
                await settle()
                plain = plain_in_process(screen)
            results[-1]["plain_in_process"] = plain
        await pilot.exit(0)
    return {"runs": results, "threads": torch.get_num_threads()}


class LagProbe:
    """Wakes every 10 ms on the event loop and records how late each wake-up is (ms)."""

    PERIOD = 0.010

    def __init__(self) -> None:
        self.phase = "idle"
        self.samples: dict[str, list[float]] = {}
        self._task: asyncio.Task | None = None

    async def _loop(self) -> None:
        while True:
            t = time.perf_counter()
            await asyncio.sleep(self.PERIOD)
            late = (time.perf_counter() - t - self.PERIOD) * 1000
            self.samples.setdefault(self.phase, []).append(max(0.0, late))

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass


async def key_round_trip(app, screen, key: str, timeout: float = 10) -> float:
    """ms from posting the key until the page has changed and the next frame is drawn."""
    changed = asyncio.Event()
    show_page = screen.show_page

    def watched(index: int) -> None:  # wraps this screen object only
        show_page(index)
        changed.set()

    screen.show_page = watched
    try:
        t0 = time.perf_counter()
        press(app, key)
        await asyncio.wait_for(changed.wait(), timeout)
        await next_frame(app)
        return (time.perf_counter() - t0) * 1000
    finally:
        del screen.show_page


async def key_presses(app, screen, count: int, while_running: bool) -> list[float]:
    times: list[float] = []
    for i in range(count):
        if while_running and screen.run_in_progress is None:
            return times
        key = "n" if screen.page == 0 else "p"
        times.append(await key_round_trip(app, screen, key))
        await asyncio.sleep(0.1)
    return times


async def lag_session(
    home: Path,
    runs: int = 2,
    epochs: int | None = None,
    idle_seconds: float = 1.0,
    keys: int = 6,
    settle: float = 1.0,
    key_runs: int = 5,
) -> dict:
    app = make_app(home, epochs)
    probe = LagProbe()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lesson(app)
        await asyncio.sleep(settle)  # let the page finish mounting
        probe.start()
        await asyncio.sleep(idle_seconds)
        results = []
        for i in range(runs):
            probe.phase = "first run" if i == 0 else "later runs"
            results.append(await run_once(app, screen))
        probe.phase = "after"
        await probe.stop()
        first_key = await key_round_trip(app, screen, "n")  # the first page change of the session
        idle_keys = await key_presses(app, screen, keys, while_running=False)
        busy_keys: list[float] = []
        for _ in range(key_runs):  # press keys while runs train
            if len(busy_keys) >= keys:
                break
            before = screen.last_result
            press(app, "r")
            await until(
                lambda before=before: screen.run_in_progress is not None or screen.last_result is not before,
                timeout=60,
            )
            busy_keys += await key_presses(app, screen, keys - len(busy_keys), while_running=True)
            await until(lambda: screen.run_in_progress is None, timeout=600)
        await pilot.exit(0)
    samples = {k: v for k, v in probe.samples.items() if k != "after"}
    return {
        "lag_ms": samples,
        "runs": results,
        "first_key_ms": first_key,
        "keys_idle_ms": idle_keys,
        "keys_training_ms": busy_keys,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="xor in the app, headless")
    parser.add_argument("session", choices=["training", "lag"])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=None, help="override (smoke tests only)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tutor-bench-app-") as tmp:
        session = training_session if args.session == "training" else lag_session
        data = asyncio.run(session(Path(tmp), runs=args.runs, epochs=args.epochs))
    Path(args.out).write_text(json.dumps(data))


if __name__ == "__main__":
    main(sys.argv[1:])
