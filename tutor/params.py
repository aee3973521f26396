"""A lesson's hyperparameters: one class per kind of value, and `Params`, what `train` reads.

Authors build them through `Param`'s constructors (`Param.int("epochs", 100, lo=1)`,
`Param.choice(...)`, ...), re-exported by `tutor.course`. Each kind holds, in one place, what
it allows (`allowed`), how it reads text or a stored value (`parse`), how it writes a value
back as text (`format`) and as JSON (`to_json`), and which form field edits it (`field`).
No Textual, no torch.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Sequence

from tutor.formatting import article, number, plural, typed

__all__ = [
    "ParamError",
    "shown",
    "Param",
    "IntParam",
    "FloatParam",
    "ChoiceParam",
    "BoolParam",
    "TextParam",
    "GridParam",
    "MatrixParam",
    "Params",
]


class ParamError(ValueError):
    """A hyperparameter value that cannot be used; the message says what is allowed."""


SHOWN_CHARS = 60  # of a refused value, echoed back (a 10 kB paste must not fill a toast)


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """repr(value), cut to about `limit` characters, saying how long it was."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str) else len(text)
    return f"{text[: limit - 1]}… ({size:,} characters)"


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class Param:
    """One editable hyperparameter. Build with Param.int/float/choice/bool/text/grid/matrix.

    `kind` names the kind ("int", "float", ...); `field` names the form field that edits it:
    "number", "select" (with `options()`), "text" or "drawing".
    """

    name: str
    default: Any
    help: str = ""
    live: bool = False  # may be changed while a run is going (lesson re-reads it)

    kind: ClassVar[str] = ""
    field: ClassVar[str] = "text"

    # -- constructors: the authoring API
    @classmethod
    def int(
        cls,
        name: str,
        default: int,
        lo: int | None = None,
        hi: int | None = None,
        help: str = "",
        live: bool = False,
    ) -> IntParam:
        return IntParam(name, default, help=help, live=live, lo=lo, hi=hi)

    @classmethod
    def float(
        cls,
        name: str,
        default: float,
        lo: float | None = None,
        hi: float | None = None,
        log: bool = False,
        help: str = "",
        live: bool = False,
    ) -> FloatParam:
        return FloatParam(name, float(default), help=help, live=live, lo=lo, hi=hi, log=log)

    @classmethod
    def choice(
        cls, name: str, default: str, choices: Sequence[str], help: str = "", live: bool = False
    ) -> ChoiceParam:
        return ChoiceParam(name, default, help=help, live=live, choices=tuple(choices))

    @classmethod
    def bool(cls, name: str, default: bool, help: str = "", live: bool = False) -> BoolParam:
        return BoolParam(name, bool(default), help=help, live=live)

    @classmethod
    def text(
        cls,
        name: str,
        default: str,
        help: str = "",
        max_len: int = 200,
        check: Callable[[str], Any] | None = None,
        describe: str = "",
    ) -> TextParam:
        """Free text. `check(text)` may raise ValueError with the reason (e.g. a shape that
        does not parse), so bad text is refused in the form and on the command line before a
        run starts; `describe` says what is allowed ("a shape such as 2,3")."""
        return TextParam(name, default, help=help, max_len=max_len, check=check, describe=describe)

    @classmethod
    def grid(
        cls,
        name: str,
        rows: int,
        cols: int,
        default: Sequence[str] | None = None,
        help: str = "",
        check: Callable[[tuple[str, ...]], Any] | None = None,
        describe: str = "",
    ) -> GridParam:
        """A drawing: rows×cols cells, each ink ('#') or blank ('.'). The app draws it with the
        keyboard (or mouse); on the command line it is typed as rows joined by '/'. The value
        is a tuple of row strings; `Param.grid_array(value)` gives 0/1 lists of lists.
        `check(rows)` may raise ValueError("why") (e.g. an empty drawing), as for text."""
        value = tuple(default) if default else tuple("." * cols for _ in range(rows))
        return GridParam(name, value, help=help, shape=(rows, cols), check=check, describe=describe)

    @staticmethod
    def grid_array(value: Sequence[str]) -> list[list[int]]:
        return [[1 if c == "#" else 0 for c in row] for row in value]

    @classmethod
    def matrix(
        cls,
        name: str,
        default: Sequence[Sequence[float]],
        shape: tuple[int, int] | None = None,
        lo: float | None = None,
        hi: float | None = None,
        help: str = "",
    ) -> MatrixParam:
        value = tuple(tuple(float(v) for v in row) for row in default)
        return MatrixParam(name, value, help=help, lo=lo, hi=hi, shape=shape)

    # -- what every kind answers
    def allowed(self) -> str:
        """A phrase describing the values this parameter accepts."""
        raise NotImplementedError

    def parse(self, raw: Any) -> Any:
        """Turn text (or an already typed value, e.g. one read back from JSON) into a checked
        value, or raise ParamError."""
        raise NotImplementedError

    def format(self, value: Any) -> str:
        """The text a learner would type to get this value."""
        return typed(value)

    def to_json(self, value: Any) -> Any:
        """The value as JSON stores it (`parse` reads it back)."""
        return value

    def _fail(self, raw: Any, why: str = "") -> ParamError:
        why = f" ({why if len(why) <= 2 * SHOWN_CHARS else why[: 2 * SHOWN_CHARS - 1] + '…'})" if why else ""
        return ParamError(
            f"{self.name}: {shown(raw)} is not allowed{why}; {self.name} must be {self.allowed()}"
        )


@dataclass(frozen=True)
class _Ranged(Param):
    """A kind of numbers, each within [lo, hi] when those are given."""

    lo: float | None = None
    hi: float | None = None

    def _check_range(self, raw: Any, x: float) -> None:
        if not math.isfinite(x):
            raise self._fail(raw, "not a finite number")
        if self.lo is not None and x < self.lo:
            raise self._fail(raw, "too small")
        if self.hi is not None and x > self.hi:
            raise self._fail(raw, "too large")


# 100,000 or -1,234.5: digits in groups of three, as formatting.number writes them
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class _Number(_Ranged):
    log: bool = False  # the range is best explored on a log scale (rates)

    field: ClassVar[str] = "number"
    what: ClassVar[str] = "a number"

    def _text(self, raw: Any) -> Any:
        """Text stripped, with thousands separators as the help writes them ("100,000") taken
        out; anything else is left for int()/float() to judge."""
        if not isinstance(raw, str):
            return raw
        text = raw.strip()
        return text.replace(",", "") if _GROUPED.match(text) else text

    def allowed(self) -> str:
        if self.lo is not None and self.hi is not None:
            return f"{self.what} from {number(self.lo)} to {number(self.hi)}"
        if self.lo is not None:
            return f"{self.what} of at least {number(self.lo)}"
        if self.hi is not None:
            return f"{self.what} of at most {number(self.hi)}"
        return self.what


@dataclass(frozen=True)
class IntParam(_Number):
    kind: ClassVar[str] = "int"
    what: ClassVar[str] = "an integer"

    def parse(self, raw: Any) -> int:
        text = self._text(raw)
        try:
            if isinstance(text, bool) or (isinstance(text, float) and not text.is_integer()):
                raise ValueError
            value = int(text)
        except (TypeError, ValueError, OverflowError):
            raise self._fail(raw, "not an integer") from None
        self._check_range(raw, value)
        return value


@dataclass(frozen=True)
class FloatParam(_Number):
    kind: ClassVar[str] = "float"

    def parse(self, raw: Any) -> float:
        text = self._text(raw)
        try:
            if isinstance(text, bool):
                raise ValueError
            value = float(text)
        except (TypeError, ValueError, OverflowError):
            raise self._fail(raw, "not a number") from None
        self._check_range(raw, value)
        return value + 0.0  # -0.0 is 0.0 (numpy refuses a scale of -0.0)


@dataclass(frozen=True)
class ChoiceParam(Param):
    choices: tuple[str, ...] = ()

    kind: ClassVar[str] = "choice"
    field: ClassVar[str] = "select"

    def options(self) -> list[tuple[str, Any]]:
        """(label, value) pairs for the form's select."""
        return [(c, c) for c in self.choices]

    def allowed(self) -> str:
        return "one of " + ", ".join(self.choices)

    def parse(self, raw: Any) -> str:
        text = raw.strip() if isinstance(raw, str) else raw
        if text in self.choices:
            return text
        raise self._fail(raw)


@dataclass(frozen=True)
class BoolParam(Param):
    kind: ClassVar[str] = "bool"
    field: ClassVar[str] = "select"

    def options(self) -> list[tuple[str, Any]]:
        return [("on", True), ("off", False)]  # words, not a colour-only switch

    def allowed(self) -> str:
        return "true or false"

    def parse(self, raw: Any) -> bool:
        text = raw.strip() if isinstance(raw, str) else raw
        if isinstance(text, bool):
            return text
        if isinstance(text, str) and text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise self._fail(raw)


@dataclass(frozen=True)
class _Checked(Param):
    """A kind whose values the lesson checks itself: `check(value)` raises ValueError("why");
    `describe` says in words what is allowed."""

    check: Callable[[Any], Any] | None = None
    describe: str = ""

    def _checked(self, raw: Any, value: Any) -> Any:
        """value, once the param's own check (if any) has passed it."""
        if self.check is not None:
            try:
                self.check(value)
            except ParamError:
                raise
            except ValueError as exc:
                raise self._fail(raw, str(exc)) from None
        return value


@dataclass(frozen=True)
class TextParam(_Checked):
    max_len: int = 200

    kind: ClassVar[str] = "text"

    def allowed(self) -> str:
        return self.describe or f"text of at most {plural(self.max_len, 'character')}"

    def parse(self, raw: Any) -> str:
        value = str(raw)
        if len(value) > self.max_len:
            raise self._fail(raw, "too long")
        return self._checked(raw, value)


@dataclass(frozen=True)
class GridParam(_Checked):
    shape: tuple[int, int] = (0, 0)  # (rows, cols)

    kind: ClassVar[str] = "grid"
    field: ClassVar[str] = "drawing"

    def allowed(self) -> str:
        r, c = self.shape
        return (
            f"a drawing of {plural(r, 'row')} of {plural(c, 'cell')}, '#' for ink and '.' for "
            "blank, rows joined by '/'" + (f" ({self.describe})" if self.describe else "")
        )

    def parse(self, raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, (str, list, tuple)):
            raise self._fail(raw, "not a drawing")
        rows = re.split(r"[/\n]", raw.strip()) if isinstance(raw, str) else list(raw)
        ink, blank = set("#1xX"), set(".0 _")
        if not all(isinstance(r, str) for r in rows):
            raise self._fail(raw, "rows must be text")
        grid = tuple("".join("#" if ch in ink else "." if ch in blank else "?" for ch in r) for r in rows)
        if any("?" in r for r in grid):
            raise self._fail(raw, "cells must be '#' or '.'")
        if (len(grid), len(grid[0]) if grid else 0) != tuple(self.shape) or any(
            len(r) != self.shape[1] for r in grid
        ):
            raise self._fail(raw, f"it is not {self.shape[0]}×{self.shape[1]}")
        return self._checked(raw, grid)

    def format(self, value: Any) -> str:
        return "/".join(value)

    def to_json(self, value: Any) -> Any:
        return list(value)


@dataclass(frozen=True)
class MatrixParam(_Ranged):
    shape: tuple[int | None, int | None] | None = None  # (rows, cols); None: any

    kind: ClassVar[str] = "matrix"

    def allowed(self) -> str:
        rows, cols = self.shape or (None, None)
        shape = (
            f"{rows}×{cols} "
            if rows and cols
            else f"{rows}-row "
            if rows
            else f"{cols}-column "
            if cols
            else ""
        )
        rng = ""
        if self.lo is not None and self.hi is not None:
            rng = f" with entries from {number(self.lo)} to {number(self.hi)}"
        example = "1 0" if rows == 1 else "1 0; 0 1"
        return f"{article(shape + 'matrix')}, rows separated by ';' (e.g. \"{example}\"){rng}"

    def parse(self, raw: Any) -> tuple[tuple[float, ...], ...]:
        if isinstance(raw, str):
            body = raw.strip().replace("[[", "").replace("]]", "")
            rows_text = [r for r in re.split(r"\]\s*,\s*\[|;|\n", body) if r.strip()]
            try:
                rows = [[float(v) for v in re.split(r"[,\s]+", r.strip(" []")) if v] for r in rows_text]
            except ValueError:
                raise self._fail(raw, "entries must be numbers") from None
        else:
            try:
                rows = [[float(v) for v in row] for row in raw]
            except (TypeError, ValueError, OverflowError):
                raise self._fail(raw, "entries must be numbers") from None
        if not rows or any(len(r) != len(rows[0]) for r in rows) or not rows[0]:
            raise self._fail(raw, "rows must all have the same number of entries")
        want_rows, want_cols = self.shape or (None, None)
        if (want_rows is not None and len(rows) != want_rows) or (
            want_cols is not None and len(rows[0]) != want_cols
        ):
            raise self._fail(raw, f"it is {len(rows)}×{len(rows[0])}")
        for row in rows:
            for v in row:
                self._check_range(raw, v)
        return tuple(tuple(v + 0.0 for v in r) for r in rows)

    def to_json(self, value: Any) -> Any:
        return [list(r) for r in value]


class Params:
    """The values a run uses, read as attributes: `p.lr`, `p.hidden`.

    Parameters declared `live=True` may be changed by the app while the run goes on
    (`set`), so a lesson that re-reads `p.lr` each step picks up the new value.
    """

    def __init__(self, values: dict[str, Any]):
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no parameter named {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("parameters are read-only in lesson code; use Params.set from the app")

    def set(self, name: str, value: Any) -> None:
        self._values[name] = value

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def __repr__(self) -> str:
        return f"Params({self._values!r})"
