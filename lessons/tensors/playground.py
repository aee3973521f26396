"""The tensor playground shared by the lessons `tensors` and `tensor-ops`.

A lesson's session is a few calls of small functions, each one line of PyTorch: one of the
makers below creates A (and B), then the lesson's operation runs, e.g. `A @ B`.
`transcript.replay` calls them and shows their code with your values written in, and what
each returned or PyTorch's own error. `show` turns a session into the lesson's figures.
"""

from __future__ import annotations

import inspect
import math
import random
import re
from typing import Any, Callable

import numpy as np
import torch

from lessons.tensors.rules import explain_error
from lessons.tensors.transcript import Session, Step
from tutor.course import ParamError, shown
from tutor.figures import Table, Text

DTYPES = ["float32", "float64", "int64", "bool"]
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


# ------------------------------------------------------------------ making A and B
# One function per choice of `make`. The session shows its line with your values written in.


def from_list(values, dtype):
    return torch.tensor(values, dtype=dtype)


def randint(high, shape, dtype):
    return torch.randint(0, high, shape, dtype=dtype)


def arange(stop, shape, dtype):
    return torch.arange(1, stop, dtype=dtype).reshape(shape)


def zeros(shape, dtype):
    return torch.zeros(shape, dtype=dtype)


def ones(shape, dtype):
    return torch.ones(shape, dtype=dtype)


def rand(shape, dtype):
    return torch.rand(shape, dtype=dtype)


def empty(shape, dtype):
    return torch.empty(shape, dtype=dtype)


MAKERS = {
    "list": from_list,
    "randint": randint,
    "arange": arange,
    "zeros": zeros,
    "ones": ones,
    "rand": rand,
    "empty": empty,
}


def seeded(seed):
    torch.manual_seed(seed)


def to_device(tensor, device):
    return tensor.to(device)


def making(
    name: str, make: str, shape: tuple[int, ...], dtype: str, rng: random.Random | None = None
) -> Step:
    """The step that makes tensor `name` with MAKERS[make]. For "list" the values are drawn
    from `rng` (seeded) and passed as a nested list."""
    n = math.prod(shape)
    available = {"shape": shape, "dtype": getattr(torch, dtype), "stop": n + 1}
    available["high"] = 2 if dtype == "bool" else 10  # randint's end is excluded
    if make == "list":
        flat = [rng.randint(0, available["high"] - 1) for _ in range(n)]
        available["values"] = _nest(flat, shape)
    return Step.picking(MAKERS[make], available, name=name)


def _nest(flat: list, shape: tuple[int, ...]) -> Any:
    if not shape:
        return flat[0]
    step = len(flat) // shape[0]
    return [_nest(flat[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def meaning(operation: Callable[..., Any]) -> str:
    """What an operation does: its docstring, on one line."""
    return " ".join(inspect.getdoc(operation).split())


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


def show(run: Any, session: Session, meaning: str) -> None:
    """Figures for a session: the transcript (or error), the rule in words, a shape table.
    The session's last step is the operation (earlier steps make the tensors); B is shown
    when the operation takes it."""
    uses_b = "B" in session.steps[-1].args
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
        if session.failed_step == len(session.steps) - 1:
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
