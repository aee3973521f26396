"""Tables that never cut a number.

A number is one unbreakable cell, its column at least as wide as its longest number. Words
(headers, text cells) wrap at spaces. When the space is short: first headers and text wrap,
then numbers get shorter formatting (fewer significant digits, scientific notation for
large and small values), and when even that does not fit the table is as wide as it needs to
be (its panel scrolls sideways). No Textual import here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rich.text import Text as RichText

from tutor.figures import Table

LEVELS = (6, 4, 3)  # significant digits: as fmt writes them, then shorter


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def short(v: Any, digits: int = 6) -> str:
    """A number in `digits` significant digits, as short as it reads: 0.63, 25, 6.71e8,
    1.5e-5; with 6 digits exactly as `charts.fmt`."""
    from tutor.charts import fmt

    if digits >= 6 or not is_number(v):
        return fmt(v)
    if isinstance(v, int) and len(str(abs(v))) <= max(digits, 5):
        return str(v)
    v = float(v)
    if not math.isfinite(v) or v == 0:
        return fmt(v)
    a = abs(v)
    if 1e-3 <= a < 10 ** max(digits, 5):
        decimals = max(0, digits - 1 - math.floor(math.log10(a)))
        text = f"{v:.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"


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


def layout(fig: Table, width: int) -> Layout:
    """The widest-reading layout that fits `width`, else the narrowest there is. Tried in
    order: words whole, then long words without digits broken; within each, numbers as
    fmt writes them, then shorter."""
    ncols = len(fig.columns)
    rows = [list(r) + [""] * (ncols - len(r)) for r in fig.rows]
    numbers = [[is_number(v) for v in r] for r in rows]
    numeric = [sum(r[j] for r in numbers) * 2 >= len(rows) > 0 for j in range(ncols)]
    best = None
    for breakable, level in [(b, lv) for b in (False, True) for lv in LEVELS]:
        digits = [_digits(level, [r[j] for r in rows if is_number(r[j])]) for j in range(ncols)]
        cells = [[short(v, digits[j]) if is_number(v) else str(v) for j, v in enumerate(r)] for r in rows]
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


def _digits(level: int, column: list[Any]) -> int:
    """The fewest significant digits, from `level` up, that keep the column's numbers as
    distinct as they are in full (34.9998 must not become 35 beside 35)."""
    distinct = len({short(v, LEVELS[0]) for v in column})
    for digits in range(level, LEVELS[0]):
        if len({short(v, digits) for v in column}) == distinct:
            return digits
    return LEVELS[0]


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


def table_width(fig: Table, width: int) -> int:
    """The width the table takes in a panel `width` wide (more when it cannot fit)."""
    return max(width, layout(fig, width).width)


def render_table(fig: Table, width: int, shown: int | None = None) -> RichText:
    """`shown`: for a step-through table, how many rows are revealed so far."""
    lay = layout(fig, width)
    out = RichText()
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


def _append_row(out: RichText, cells: list[list[str]], lay: Layout, style: str) -> None:
    height = max(len(c) for c in cells)
    for k in range(height):
        parts = []
        for j, lines in enumerate(cells):
            text = lines[k] if k < len(lines) else ""
            w = lay.widths[j]
            parts.append(text.rjust(w) if lay.numeric[j] else text.ljust(w))
        out.append((" " * lay.sep).join(parts), style=style or None)
        out.append("\n")
