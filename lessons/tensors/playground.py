"""The tensor playground shared by the lessons `tensors` and `tensor-ops`.

A lesson writes a short Python session as lines of code ("A = torch.ones(2, 3)", "A @ B").
`replay` runs it line by line the way the Python prompt does: the value of each expression
is printed, and the first exception ends the session with PyTorch's own message. What the
learner reads is exactly what ran. `show` turns a session into the lesson's figures.
"""

from __future__ import annotations

import random
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from lessons.tensors.rules import explain_error
from tutor.course import ParamError, shown
from tutor.figures import Table, Text

DTYPES = ["float32", "float64", "int64", "bool"]
MAKERS = ["list", "randint", "arange", "zeros", "ones", "rand", "empty"]
MAX_DIMS, MAX_SIZE, MAX_NUMEL = 4, 16, 256
SHAPE_RULE = (
    f"sizes separated by commas, e.g. 2,3 (at most {MAX_DIMS} sizes, each 1–{MAX_SIZE}, "
    f"at most {MAX_NUMEL} numbers in all; empty for a single number)"
)
SIZES_RULE = "1 to 6 whole numbers separated by commas, e.g. 3,2 or 2,0,1 (-1: reshape works it out)"


# ------------------------------------------------------------------ reading the params


def parse_shape(text: str, name: str) -> tuple[int, ...]:
    """ "2,3" -> (2, 3); "" or "()" -> () (a single number). Raises ParamError."""
    body = text.strip().strip("()[]").strip()
    parts = re.split(r"\s*[,x×]\s*|\s+", body) if body else []
    if parts and not parts[-1]:
        parts.pop()  # "3," is the 1-D shape (3,)
    try:
        shape = tuple(int(s) for s in parts)
    except ValueError:
        shape = None
    numel = int(np.prod(shape)) if shape else 1
    if (
        shape is None
        or len(shape) > MAX_DIMS
        or any(not 1 <= s <= MAX_SIZE for s in shape)
        or numel > MAX_NUMEL
    ):
        raise ParamError(
            f"{name}: {shown(text)} is not allowed; {name} must be sizes separated by commas, e.g. "
            f"2,3 (at most {MAX_DIMS} sizes, each 1–{MAX_SIZE}, at most {MAX_NUMEL} numbers in "
            f"all; empty for a single number)"
        )
    return shape


def parse_sizes(text: str, name: str) -> tuple[int, ...]:
    """ "3,-1" -> (3, -1): arguments for reshape, view and permute. Raises ParamError."""
    parts = [s for s in re.split(r"[,\s]+", text.strip().strip("()[]")) if s]
    try:
        sizes = tuple(int(s) for s in parts)
    except ValueError:
        sizes = None
    if not sizes or len(sizes) > 6 or any(abs(s) > 256 for s in sizes):
        raise ParamError(
            f"{name}: {shown(text)} is not allowed; {name} must be 1 to 6 whole numbers "
            "separated by commas, e.g. 3,2 or 2,0,1 (-1 lets reshape work one out)"
        )
    return sizes


def shape_code(shape: tuple[int, ...]) -> str:
    """How Python writes a shape tuple: (2, 3), (3,) or ()."""
    return str(tuple(shape))


def args_code(sizes: tuple[int, ...]) -> str:
    return ", ".join(str(s) for s in sizes)


def make_line(
    name: str, make: str, shape: tuple[int, ...], dtype: str, rng: random.Random | None = None
) -> str:
    """The line of code that creates tensor `name`, e.g. "A = torch.zeros((2, 3), dtype=torch.int64)".
    For "list" the values are drawn from `rng` (seeded) and written out as a nested list."""
    dt = f"dtype=torch.{dtype}"
    size = shape_code(shape)
    n = int(np.prod(shape)) if shape else 1
    if make == "list":
        high = 1 if dtype == "bool" else 9
        flat = [rng.randint(0, high) for _ in range(n)]
        return f"{name} = torch.tensor({_nest(flat, shape)}, {dt})"
    if make == "randint":
        high = 2 if dtype == "bool" else 10
        return f"{name} = torch.randint(0, {high}, {size}, {dt})"
    if make == "arange":
        line = f"{name} = torch.arange(1, {n + 1}, {dt})"
        return line if len(shape) == 1 else f"{line}.reshape{size if shape else '(())'}"
    return f"{name} = torch.{make}({size}, {dt})"


def _nest(flat: list, shape: tuple[int, ...]) -> Any:
    if not shape:
        return flat[0]
    step = len(flat) // shape[0]
    return [_nest(flat[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


# ------------------------------------------------------------------ running a session


@dataclass
class Session:
    lines: list[str]
    transcript: list[str] = field(default_factory=list)
    value: Any = None
    error: Exception | None = None
    names: dict[str, Any] = field(default_factory=dict)

    @property
    def failed_at(self) -> int:
        """Index of the line that raised (len(lines) when none did)."""
        if self.error is None:
            return len(self.lines)
        return len([t for t in self.transcript if t.startswith(">>> ")]) - 1


def replay(lines: list[str]) -> Session:
    """Run `lines` like the Python prompt: print each expression's value (except the generator
    that torch.manual_seed returns), stop at the first error."""
    session = Session(list(lines), names={"torch": torch, "np": np})
    for line in lines:
        session.transcript.append(">>> " + line)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    code, is_expression = compile(line, "<lesson>", "eval"), True
                except SyntaxError:
                    code, is_expression = compile(line, "<lesson>", "exec"), False
                value = eval(code, session.names)
        except Exception as error:  # the learner is meant to see PyTorch's errors
            session.transcript.append(f"{type(error).__name__}: {error}")
            session.error, session.value = error, None
            return session
        session.transcript += [f"{w.category.__name__}: {w.message}" for w in caught]
        session.value = value if is_expression else None
        if session.value is not None and not isinstance(session.value, torch.Generator):
            session.transcript.append(repr(session.value))
    return session


# ------------------------------------------------------------------ what it shows


def shape_text(value: Any) -> str:
    """A value's shape as Python writes it, "(2, 3)"; "none" for things without a shape."""
    if isinstance(value, (torch.Tensor, np.ndarray)):
        return str(tuple(value.shape))
    return "none"


def _row(name: str, value: Any) -> list[Any]:
    if isinstance(value, torch.Tensor):
        return [name, shape_text(value), value.ndim, str(value.dtype), str(value.device), value.numel()]
    if isinstance(value, np.ndarray):
        return [name, shape_text(value), value.ndim, f"numpy {value.dtype}", "cpu (NumPy)", value.size]
    return [name, "none", "-", type(value).__name__, "-", "-"]


def metrics(session: Session) -> dict[str, Any]:
    """What the run reports (goals are checked from it)."""
    names, value = session.names, session.value
    out = {
        "ok": int(session.error is None),
        "a_shape": shape_text(names.get("A")),
        "b_shape": shape_text(names.get("B")),
        "result_shape": shape_text(value) if session.error is None else "error",
        "result_dtype": str(getattr(value, "dtype", type(value).__name__))
        if session.error is None
        else "error",
    }
    if session.error is not None:
        out["error"] = f"{type(session.error).__name__}: {session.error}"[:160]
    return out


def show(run: Any, session: Session, meaning: str, uses_b: bool, op_start: int) -> None:
    """Figures for a session: the transcript (or error), the rule in words, a shape table.
    `op_start`: index of the first line of the operation (earlier lines make the tensors)."""
    op = session.lines[-1]
    a = session.names.get("A")
    if session.error is None:
        what = shape_text(session.value)
        has_shape = isinstance(session.value, (torch.Tensor, np.ndarray))
        summary = (
            f"{op} gave a tensor of shape {what}, dtype {session.value.dtype}"
            if has_shape
            else f"{op} gave {session.value!r}"
        )
        run.show("result", Text("\n".join(session.transcript), summary=summary, style="code"))
        rule = meaning
        if has_shape and a is not None:
            rule += f"\nA {shape_text(a)} -> result {what}"
    else:
        message = f"{type(session.error).__name__}: {session.error}"
        line = session.lines[session.failed_at]
        run.show(
            "result", Text("\n".join(session.transcript), style="error", summary=f"{line} raised {message}")
        )
        rule = explain_error(str(session.error))
        if session.failed_at >= op_start:
            rule += f"\n\n{meaning}"
    run.show("rule", Text(rule, summary=rule.splitlines()[0]))
    rows = [_row(n, session.names[n]) for n in ("A", "B") if n in session.names and (n == "A" or uses_b)]
    if session.error is None and session.value is not None:
        rows.append(_row("result", session.value))
    run.show(
        "shapes",
        Table(
            ["tensor", "shape", "ndim", "dtype", "device", "numel"],
            rows,
            highlight=[len(rows) - 1] if session.error is None else [],
            summary="; ".join(f"{r[0]} {r[1]} {r[3]}" for r in rows) or "no tensors made",
        ),
    )
