"""The form of a lesson's hyperparameters: typed fields, range and help, inline errors."""

from __future__ import annotations

from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from tutor.params import Param, ParamError
from tutor.widgets.drawing import DrawingGrid


class NumberInput(Input):
    """A field for an int or float parameter: keys that cannot be part of a number (`[`, `]`,
    `r`, `n`, …) are not swallowed by the field but reach the lesson's keys."""

    NUMBER_CHARS = {"int": set("0123456789+-_, "), "float": set("0123456789+-_,. eE")}

    def __init__(self, value: str, kind: str, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.allowed_chars = self.NUMBER_CHARS[kind]

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character in self.allowed_chars

    async def _on_key(self, event) -> None:
        if event.is_printable and event.character not in self.allowed_chars:
            event.prevent_default()  # not typed into the field (Input._on_key
            # is skipped); the key bubbles to its binding


def _select(p: Param, value: Any) -> Select:
    return Select(p.options(), value=value, allow_blank=False, id=f"param-{p.name}", compact=True)


def _number(p: Param, value: Any) -> NumberInput:
    tooltip = f"{p.help} ({p.allowed()})"
    return NumberInput(p.format(value), p.kind, id=f"param-{p.name}", compact=True, tooltip=tooltip)


def _text(p: Param, value: Any) -> Input:
    tooltip = f"{p.help} ({p.allowed()})"
    return Input(p.format(value), id=f"param-{p.name}", compact=True, tooltip=tooltip)


def _drawing(p: Param, value: Any) -> DrawingGrid:
    return DrawingGrid(value, id=f"param-{p.name}", classes="param-grid")


# The widget for each `Param.field`; a drawing takes the row's width, under the name.
FIELDS: dict[str, Callable[[Param, Any], Widget]] = {
    "select": _select,
    "number": _number,
    "text": _text,
    "drawing": _drawing,
}
BELOW_THE_NAME = {"drawing"}


class ParamForm(VerticalScroll):
    """One row per parameter. Invalid values are marked with the reason; `errors()` lists them."""

    class Edited(Message):
        """A field changed; `value` is the parsed value or None when invalid."""

        def __init__(self, name: str, value: Any, valid: bool) -> None:
            super().__init__()
            self.name, self.value, self.valid = name, value, valid

    def __init__(self, params: tuple[Param, ...], values: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.params = {p.name: p for p in params}
        self._values = dict(values)
        self._errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        if not self.params:
            yield Static("This lesson has no parameters: press r to run it.", classes="help")
        for p in self.params.values():
            value = self._values[p.name]
            with Vertical(classes="param-row", id=f"row-{p.name}"):
                field = FIELDS[p.field](p, value)
                with Horizontal(classes="param-line"):
                    yield Label(p.name + (" ⟳" if p.live else ""), classes="param-name")
                    if p.field not in BELOW_THE_NAME:
                        yield field
                if p.field in BELOW_THE_NAME:
                    yield field
                yield Static(
                    f"{p.help} — {p.allowed()}" + (" · can change during a run" if p.live else ""),
                    classes="param-help",
                    markup=False,
                )
                yield Static("", classes="param-error", markup=False)

    # ------------------------------------------------------------------ state
    def values(self) -> dict[str, Any]:
        return dict(self._values)

    def errors(self) -> dict[str, str]:
        return dict(self._errors)

    def focus_first_error(self) -> None:
        for name in self.params:
            if name in self._errors:
                self.query_one(f"#param-{name}").focus()
                return

    # ------------------------------------------------------------------ events
    def _apply(self, name: str, raw: Any) -> None:
        p = self.params[name]
        row = self.query_one(f"#row-{name}")
        error = row.query_one(".param-error", Static)
        try:
            value = p.parse(raw)
        except ParamError as exc:
            self._errors[name] = str(exc)
            error.update("✗ " + str(exc))
            row.add_class("-invalid")
            self.post_message(self.Edited(name, None, False))
            return
        self._errors.pop(name, None)
        error.update("")
        row.remove_class("-invalid")
        changed = value != self._values.get(name)
        self._values[name] = value
        if changed:
            self.post_message(self.Edited(name, value, True))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply(event.input.id.removeprefix("param-"), event.value)

    @on(DrawingGrid.Changed)
    def _grid_changed(self, event: DrawingGrid.Changed) -> None:
        event.stop()
        self._apply(event.grid.id.removeprefix("param-"), event.value)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is not Select.NULL:
            self._apply(event.select.id.removeprefix("param-"), event.value)
