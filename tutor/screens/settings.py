"""Settings: the device runs train on, the CPU threads a run uses, and the colour theme."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import RadioButton, RadioSet, Select, Static

from tutor import cpus
from tutor.devices import CHOICES
from tutor.formatting import plural
from tutor.runner import use_threads_setting
from tutor.screens.dialogs import WatchesSize

THEMES = [
    ("Dark", "textual-dark"),
    ("Light (for light terminals)", "textual-light"),
    ("Solarized light", "solarized-light"),
    ("Nord", "nord"),
    ("Gruvbox", "gruvbox"),
    ("Monokai", "monokai"),
    ("High contrast: ANSI (uses the terminal's own colours)", "textual-ansi"),
]


class SettingsScreen(WatchesSize, ModalScreen[None]):
    BINDINGS = [Binding("escape,o", "dismiss", "Close", id="close-settings")]

    def compose(self) -> ComposeResult:
        settings = self.app.progress.settings()
        with Vertical(id="settings-box"):
            yield Static("Settings", id="settings-title")
            yield Static("Device that lessons train on (checking which exist…)", id="device-label")
            with RadioSet(id="device"):
                for name in CHOICES:
                    yield RadioButton(name, value=name == settings.get("device", "auto"), id=f"device-{name}")
            yield Static("", id="device-detail", markup=False)
            usable = cpus.available()
            yield Static(
                f"CPU threads per run ({usable} usable here; fewer share a server)",
                id="threads-label",
                markup=False,
            )  # a compact select: 80×24 fits
            options = [(f"auto: {cpus.auto_threads(usable)}", "auto")] + [
                (str(n), n) for n in range(1, usable + 1)
            ]
            chosen = settings.get("threads", "auto")
            yield Select(
                options,
                value=chosen if chosen in dict((v, k) for k, v in options) else "auto",
                allow_blank=False,
                compact=True,
                id="threads",
            )
            yield Static("Theme", id="theme-label")
            themes = [(label, name) for label, name in THEMES if name in self.app.available_themes]
            current = settings.get("theme", self.app.theme)
            yield Select(
                themes,
                value=current if current in dict((v, k) for k, v in themes) else "textual-dark",
                allow_blank=False,
                id="theme",
            )
            yield Static("Saved at once. esc closes.", classes="dim")

    def on_mount(self) -> None:
        self._probe()

    @work(thread=True, exclusive=True, group="probe")
    def _probe(self) -> None:
        from tutor.devices import probe

        statuses = probe()
        self.app.call_from_thread(self._show_devices, statuses)

    def _show_devices(self, statuses) -> None:
        lines = []
        for s in statuses:
            button = self.query_one(f"#device-{s.name}", RadioButton)
            button.label = f"{s.name} — {'available' if s.available else 'not available'}: {s.detail}"
            button.disabled = not s.available
            lines.append(f"{s.name}: {'yes' if s.available else 'no'} ({s.detail})")
        self.query_one("#device-label", Static).update(
            "Device that lessons train on (auto picks cuda, then mps, then cpu)"
        )
        self.query_one("#device-detail", Static).update("")

    @on(RadioSet.Changed, "#device")
    def _device(self, event: RadioSet.Changed) -> None:
        name = str(event.pressed.id).removeprefix("device-")
        self.app.progress.set_setting("device", name)
        self.notify(f"Runs will use {name}.", timeout=3)

    @on(Select.Changed, "#threads")
    def _threads(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and event.value != self.app.progress.settings().get("threads"):
            self.app.progress.set_setting("threads", event.value)
            use_threads_setting(event.value)
            self.notify(f"Runs will use {plural(cpus.threads(event.value), 'CPU thread')}.", timeout=3)

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.app.theme = str(event.value)
            self.app.progress.set_setting("theme", str(event.value))

    def action_dismiss(self) -> None:
        self.dismiss(None)
