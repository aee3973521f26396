"""Numbers and counts in words: the one place the tutor turns values into text.

Every number a learner reads (the lesson's status line, charts and tables, goals, parameter
help, quizzes, the command line) goes through `number`, so a value reads the same wherever it
appears. The rule: 4 significant digits (0.9812, -0.007, 18.68) but never a whole number's
digits dropped (12,346); thousands separated by commas (5,130 and 401,920); integers exactly;
values from a million up and below 0.001 in scientific notation with a short exponent
(1.5e6, 1e-5); nan, inf and -inf as Python and torch write them; true/false.

`typed` is the other direction's text: what a learner types to get exactly this value (a
parameter's field, `--param`), so it rounds nothing. `plural` and `article` make text that
counts read right ("1 thread", "an 8"). No Rich, Textual or torch import here.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable, Iterable, Sequence

DIGITS = 4  # significant digits of a measured value
MOST = 6  # values alike at this many digits are alike to a learner


def number(x: Any, digits: int = DIGITS) -> str:
    """A measured value as a learner reads it (see the module's rule); anything that is not
    a number as str() writes it."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, numbers.Integral):
        return f"{int(x):,}"
    if not isinstance(x, numbers.Real):
        return str(x)
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    rounded = abs(float(f"{x:.{digits - 1}e}"))
    if rounded >= 1e6 or rounded < 1e-3:
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        return f"{_trim(mantissa)}e{int(exponent)}"
    decimals = max(0, digits - 1 - math.floor(math.log10(rounded)))
    return _trim(f"{x:,.{decimals}f}")


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def digits_apart(values: Iterable[Any], least: int = DIGITS) -> int:
    """The fewest significant digits, from `least` up, that keep `values` as distinct as
    they are at MOST digits (34.9998 must not read 35 beside 35)."""
    values = list(values)
    distinct = len({number(v, MOST) for v in values})
    for digits in range(least, MOST):
        if len({number(v, digits) for v in values}) == distinct:
            return digits
    return max(least, MOST)


def numbers_apart(*values: Any) -> list[str]:
    """`values` by `number`, with digits enough that no two different values read alike."""
    digits = digits_apart([v for v in values if _is_number(v)])
    return [number(v, digits) for v in values]


def _is_number(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def value(v: Any) -> str:
    """Any value a run reports: numbers by `number`, a list of rows (a matrix) as rows of
    numbers joined by ';', anything else as str() writes it."""
    return _rows(v, number) if isinstance(v, (list, tuple)) else number(v)


def _rows(rows: Sequence[Any], each: Callable[[Any], str]) -> str:
    """A matrix as text: each row's entries by `each`, joined by spaces; rows joined by ';'."""
    return "; ".join(" ".join(map(each, r)) if isinstance(r, (list, tuple)) else each(r) for r in rows)


def typed(x: Any) -> str:
    """The text a learner types to get exactly `x`: 0.001, 1e-5, 3 (for 3.0), 1 0; 0 1 (a
    matrix), true. Nothing is rounded and no thousands are separated, so it reads back as is."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, (list, tuple)):
        return _rows(x, typed)
    if not isinstance(x, numbers.Real):
        return str(x)
    x = float(x)
    if math.isfinite(x) and x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    text = repr(x)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def seconds(s: float) -> str:
    """A duration: 4.2s, 42s, 2m05s, 1h02m05s (tenths only under ten seconds)."""
    s = max(0.0, float(s))
    if s < 9.95:
        return f"{s:.1f}s"
    whole = int(round(s))
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole // 60 % 60:02d}m{whole % 60:02d}s"


def metrics_line(metrics: dict, first: Sequence[str] = (), limit: int | None = 6, flags: bool = False) -> str:
    """A run's values as `name value` pairs, the names in `first` (e.g. what the goal
    compares) leading, at most `limit` of them. Numbers and words only, unless `flags`:
    then true/false and matrices too."""
    names = [k for k in first if k in metrics] + [k for k in metrics if k not in first]
    kept = [
        k
        for k in names
        if flags or (isinstance(metrics[k], (numbers.Real, str)) and not isinstance(metrics[k], bool))
    ]
    return ", ".join(f"{k} {value(metrics[k])}" for k in kept[:limit])


def plural(n: Any, word: str, many: str | None = None) -> str:
    """`n` and the noun for that many: plural(1, "thread") -> "1 thread", plural(2, "thread")
    -> "2 threads", plural(3, "match", "matches") -> "3 matches"."""
    return f"{number(n)} {word if n == 1 else many or word + 's'}"


_VOWEL_SOUND = ("hour", "honest", "honour")
_CONSONANT_SOUND = ("one", "once", "uni", "use", "usu", "eu", "ua")


def article(word: Any) -> str:
    """`word` with "a" or "an" by how it sounds: "an 8", "an 11", "an 18", "a 1", "a 100",
    "an epoch", "a unit", "an hour". Numbers (ints or written) are read as said in English."""
    text = number(word) if _is_number(word) else str(word)
    return f"{'an' if _starts_with_vowel_sound(text) else 'a'} {text}"


def _starts_with_vowel_sound(text: str) -> bool:
    head = text.lstrip("([\"'")
    if head[:1].isdigit():
        digits = ""
        for ch in head:
            if ch.isdigit():
                digits += ch
            elif ch != ",":
                break
        if digits.startswith("8"):  # eight, eighty, eight hundred
            return True
        # eleven, eighteen (also eleven thousand, eighteen million)
        return digits[:2] in ("11", "18") and len(digits) % 3 == 2
    word = head.split(" ")[0].rstrip(".,;:)")
    if word.isupper() and len(word) <= 5:  # letters said one by one: an MSE, an RNN, a GPU
        return word[:1] in "AEFHILMNORSX"
    lower = head.lower()
    if lower.startswith(_VOWEL_SOUND):
        return True
    if lower.startswith(_CONSONANT_SOUND):
        return False
    return lower[:1] in ("a", "e", "i", "o", "u")
