"""A drawing grid for Param.grid: draw with the keyboard (mouse optional)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

INK, BLANK = "#", "."


class DrawingGrid(Widget, can_focus=True):
    """Cells are ink or blank. The cursor is shown by its glyph, not by colour alone."""

    DEFAULT_CSS = """
    DrawingGrid { height: auto; width: auto; padding: 0 1; }
    DrawingGrid:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("up", "move(0, -1)", "Up", show=False),
        Binding("down", "move(0, 1)", "Down", show=False),
        Binding("left", "move(-1, 0)", "Left", show=False),
        Binding("right", "move(1, 0)", "Right", show=False),
        Binding("space", "toggle", "Ink/blank", show=False, tooltip="Toggle the cell under the cursor"),
        Binding("d", "pen('draw')", "Draw mode", show=False, tooltip="Moving paints ink (d again: off)"),
        Binding("x", "pen('erase')", "Erase mode", show=False, tooltip="Moving erases (x again: off)"),
        Binding("delete", "clear", "Clear", show=False, tooltip="Erase the whole drawing"),
    ]

    cursor: reactive[tuple[int, int]] = reactive((0, 0))
    pen: reactive[str] = reactive("")

    class Changed(Message):
        def __init__(self, grid: "DrawingGrid", value: tuple[str, ...]) -> None:
            super().__init__()
            self.grid, self.value = grid, value

    def __init__(self, value: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cells = [list(row) for row in value]
        self.rows, self.cols = len(self.cells), len(self.cells[0])
        self.cursor = (self.cols // 2, self.rows // 2)

    @property
    def value(self) -> tuple[str, ...]:
        return tuple("".join(row) for row in self.cells)

    def render(self) -> Text:
        out = Text()
        cx, cy = self.cursor
        show_cursor = self.has_focus
        for y, row in enumerate(self.cells):
            for x, cell in enumerate(row):
                here = show_cursor and (x, y) == (cx, cy)
                if cell == INK:
                    out.append("▓▓" if here else "██", style="bold" if here else "")
                else:
                    out.append("[]" if here else "· ", style="bold" if here else "dim")
            out.append("\n")
        mode = {"draw": "draw mode: moving paints", "erase": "erase mode: moving erases"}.get(
            self.pen, "arrows move, space inks"
        )
        out.append(f"{mode} · d draw · x erase · del clear", style="dim")
        return out

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.rows + 1

    def get_content_width(self, container, viewport) -> int:
        return max(2 * self.cols, 44)

    # ------------------------------------------------------------------ editing
    def _set(self, x: int, y: int, cell: str) -> None:
        if self.cells[y][x] != cell:
            self.cells[y][x] = cell
            self.post_message(self.Changed(self, self.value))
        self.refresh()

    def action_move(self, dx: int, dy: int) -> None:
        x, y = self.cursor
        self.cursor = (min(self.cols - 1, max(0, x + dx)), min(self.rows - 1, max(0, y + dy)))
        if self.pen:
            self._set(*self.cursor, INK if self.pen == "draw" else BLANK)

    def action_toggle(self) -> None:
        x, y = self.cursor
        self._set(x, y, BLANK if self.cells[y][x] == INK else INK)

    def action_pen(self, mode: str) -> None:
        self.pen = "" if self.pen == mode else mode
        if self.pen:
            self._set(*self.cursor, INK if self.pen == "draw" else BLANK)

    def action_clear(self) -> None:
        self.cells = [[BLANK] * self.cols for _ in range(self.rows)]
        self.post_message(self.Changed(self, self.value))
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    def watch_pen(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ mouse (optional)
    def _cell_at(self, event: events.MouseEvent) -> tuple[int, int] | None:
        x, y = (event.x - 1) // 2, event.y  # padding 1; two characters per cell
        if 0 <= x < self.cols and 0 <= y < self.rows:
            return x, y
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.focus()
        self._paint(event)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if event.button:
            self._paint(event)

    def _paint(self, event: events.MouseEvent) -> None:
        cell = self._cell_at(event)
        if cell:
            self.cursor = cell
            self._set(*cell, BLANK if event.button == 3 else INK)
