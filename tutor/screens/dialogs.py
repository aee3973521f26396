"""Small modal screens: an error with its details, and 'terminal too small'."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

MIN_SIZE = (80, 24)


class WatchesSize:
    """Mixin for every screen: a terminal resize reaches the active screen (not the app), so
    each screen tells the app, which shows or hides the 'too small' message."""

    def on_resize(self) -> None:
        self.app.check_size()


class ErrorScreen(WatchesSize, ModalScreen[None]):
    """What went wrong, in words, with the details below; the app keeps working."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close", id="close-error")]

    def __init__(self, title: str, details: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error_title = title
        self.details = details or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(self.error_title, id="error-title", markup=False)
            with VerticalScroll(id="error-details"):
                yield Static(self.details, markup=False)
            yield Static("esc or enter closes this; the tutor keeps going.", classes="dim")

    def action_dismiss(self) -> None:
        self.dismiss(None)


class TooSmallScreen(WatchesSize, Screen):
    """Shown instead of the app while the terminal is smaller than it needs."""

    BINDINGS = [Binding("q,ctrl+q", "app.quit", "Quit", id="quit-small")]

    def compose(self) -> ComposeResult:
        yield Static("", id="too-small", markup=False)

    def on_mount(self) -> None:
        self.update_size()

    def on_resize(self) -> None:
        self.update_size()
        super().on_resize()

    def update_size(self) -> None:
        w, h = self.app.size
        self.query_one("#too-small", Static).update(
            f"The terminal is {w}×{h}; the tutor needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}.\n"
            "Make the window larger (or the font smaller) and it will come back.\n"
            "Nothing is lost; q quits."
        )
