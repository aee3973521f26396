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
    """Wait until condition() holds, then let the app settle (Pilot.pause). Meanwhile it is
    looked at every 0.02 s without touching the app, which handles its messages and draws on
    its own: settling it at each look walks every widget (some 40 ms of CPU on a lesson
    screen) and, while a run trains, takes the interpreter from it."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)
    await pilot.pause()


def drawn(app) -> None:
    """The screen laid out and drawn now if anything changed (what Pilot.pause ends with):
    after Pilot.press, which has waited until the app handled the key, the screen can be
    read without settling it once more."""
    app.screen._on_timer_update()


def send_key(app, key: str) -> None:
    """A key (a letter or a named key) as the terminal sends it, through the app's bindings
    and focus, without waiting: Pilot.press then waits for the process to look idle, twice,
    up to a second each time while a thread works (a run training)."""
    app.post_message(events.Key(key, key if len(key) == 1 else None))
