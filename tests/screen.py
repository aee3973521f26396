"""What the learner sees: the app's screen as plain text, and checks over it (used by the
screen walk and the snapshot tests)."""

from __future__ import annotations

import asyncio
import io
import re
import time

from rich.console import Console
from textual import events


def screen_text(app) -> str:
    """The whole screen as the terminal shows it, as text (no colours): what a learner reads."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]{2,}", text)


def shows(screen: str, text: str) -> bool:
    """Every word of `text` is on the screen, in order (lines may wrap anywhere): nothing of
    it is cut off or hidden behind an ellipsis."""
    flat = " ".join(screen.split())
    pos = 0
    for w in words(text):
        i = flat.find(w, pos)
        if i < 0:
            return False
        pos = i + len(w)
    return True


CUT_NUMBER = re.compile(r"\d[.,]?…|[-+]?\d+(\.\d*)?e[+-]?…")


def drawing_problems(screen: str) -> list[str]:
    """What must never be on screen: a chart that could not be drawn, a traceback, a number
    cut short by an ellipsis."""
    problems = []
    flat = " ".join(screen.split())
    for bad in ("could not be drawn", "Traceback (most recent call last)"):
        if bad in flat:
            problems.append(bad)
    problems += [f"cut number {m.group(0)!r}" for m in CUT_NUMBER.finditer(screen)]
    return problems


async def wait_for(pilot, condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("condition not reached in time")


async def sleep_until(condition, timeout: float = 30.0, every: float = 0.1) -> None:
    """Wait until condition() holds, looking every `every` seconds without touching the app:
    for what the app's own handlers set (a run's result). `wait_for` settles the screen
    before each look, walking every widget 20 times a second, which takes the interpreter
    from a run training in its thread."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(every)


def send_key(app, key: str) -> None:
    """A key (a letter or a named key) as the terminal sends it, through the app's bindings
    and focus, without waiting: Pilot.press then waits for the process to look idle, twice,
    up to a second each time while a thread works (a run training)."""
    app.post_message(events.Key(key, key if len(key) == 1 else None))
