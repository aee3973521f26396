"""Tables that never cut a number.

A number is one unbreakable cell, its column at least as wide as its longest number. Words
(headers, text cells) wrap at spaces. When the space is short: first headers and text wrap,
then numbers get fewer significant digits (`formatting.number`'s rule; never so few that two
different numbers read alike), and when even that does not fit the table is as wide as it
needs to be (its panel scrolls sideways). No Textual import here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text

from tutor import figures
from tutor.formatting import DIGITS, digits_apart, number

LEVELS = (DIGITS, 3)  # significant digits: as everywhere, then fewer


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@dataclass
class Layout:
    cells: list[list[str]]  # formatted, rows × columns
    numbers: list[list[bool]]  # which cells are numbers (never wrapped)
    widths: list[int]
    numeric: list[bool]  # right-aligned columns
    sep: int

    @property
    def width(self) -> int:
        return sum(self.widths) + self.sep * (len(self.widths) - 1)


BREAK = 8  # a long word without digits may be broken down to this


def _longest_word(text: str, breakable: bool) -> int:
    """The narrowest a column can be for this text: its longest word, or when words may
    be broken, its longest word with a digit in it (a number is never broken)."""
    return max(
        (len(w) if not breakable or _has_digit(w) else min(len(w), BREAK) for w in text.split()), default=0
    )


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def layout(fig: figures.Table, width: int) -> Layout:
    """The widest-reading layout that fits `width`, else the narrowest there is. Tried in
    order: words whole, then long words without digits broken; within each, numbers as
    `formatting.number` writes them, then with fewer digits (never so few that two different
    numbers in a column read alike)."""
    ncols = len(fig.columns)
    rows = [list(r) + [""] * (ncols - len(r)) for r in fig.rows]
    numbers = [[is_number(v) for v in r] for r in rows]
    numeric = [sum(r[j] for r in numbers) * 2 >= len(rows) > 0 for j in range(ncols)]
    best = None
    for breakable, level in [(b, lv) for b in (False, True) for lv in LEVELS]:
        digits = [digits_apart([r[j] for r in rows if is_number(r[j])], level) for j in range(ncols)]
        cells = [[number(v, digits[j]) if is_number(v) else str(v) for j, v in enumerate(r)] for r in rows]
        least, natural = [], []
        for j, name in enumerate(fig.columns):
            column = [(r[j], numbers[i][j]) for i, r in enumerate(cells)]
            least.append(
                max(
                    [_longest_word(str(name), breakable)]
                    + [len(c) if num else _longest_word(c, breakable) for c, num in column]
                    + [1]
                )
            )
            natural.append(max([len(str(name))] + [len(c) for c, _ in column] + [1]))
        for sep in (2, 1):
            spare = width - sum(least) - sep * (ncols - 1)
            if spare >= 0:
                return Layout(cells, numbers, _share(least, natural, spare), numeric, sep)
            if best is None or sum(least) + sep * (ncols - 1) < best.width:
                best = Layout(cells, numbers, least, numeric, sep)
    return best


def _share(least: list[int], natural: list[int], spare: int) -> list[int]:
    """Widths from `least` up toward `natural`, sharing `spare` cells by what each wants."""
    want = [n - m for m, n in zip(least, natural)]
    total = sum(want)
    if total <= spare:
        return list(natural)
    widths = [m + (w * spare) // total for m, w in zip(least, want)]
    left = spare - sum(w - m for w, m in zip(widths, least))
    for j in sorted(range(len(widths)), key=lambda j: natural[j] - widths[j], reverse=True)[:left]:
        widths[j] += 1
    return widths


def _wrap(text: str, width: int) -> list[str]:
    """Words on lines of `width`; a longer word is broken unless it holds a digit (then it
    keeps its own line whole: the layout made the column wide enough for it)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        words = []
        for word in paragraph.split(" "):
            if len(word) > width and not _has_digit(word):
                words += [word[i : i + width] for i in range(0, len(word), width)]
            else:
                words.append(word)
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines or [""]


def table_width(fig: figures.Table, width: int) -> int:
    """The width the table takes in a panel `width` wide (more when it cannot fit)."""
    return max(width, layout(fig, width).width)


def render_table(fig: figures.Table, width: int, shown: int | None = None) -> Text:
    """`shown`: for a step-through table, how many rows are revealed so far."""
    lay = layout(fig, width)
    out = Text()
    if fig.title:
        for line in _wrap(fig.title, max(width, lay.width)):
            out.append(line + "\n", style="bold")
    header = [_wrap(str(name), w) for name, w in zip(fig.columns, lay.widths)]
    _append_row(out, header, lay, "bold")
    out.append("─" * lay.width + "\n", style="dim")
    rows = lay.cells if shown is None else lay.cells[:shown]
    for i, row in enumerate(rows):
        wrapped = [[c] if lay.numbers[i][j] else _wrap(c, lay.widths[j]) for j, c in enumerate(row)]
        _append_row(out, wrapped, lay, "bold reverse" if i in fig.highlight else "")
    out.rstrip()
    return out


def _append_row(out: Text, cells: list[list[str]], lay: Layout, style: str) -> None:
    height = max(len(c) for c in cells)
    for k in range(height):
        parts = []
        for j, lines in enumerate(cells):
            text = lines[k] if k < len(lines) else ""
            w = lay.widths[j]
            parts.append(text.rjust(w) if lay.numeric[j] else text.ljust(w))
        out.append((" " * lay.sep).join(parts), style=style or None)
        out.append("\n")
