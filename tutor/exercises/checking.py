"""The vocabulary of an exercise's checks: `c.same`, `c.call`, `c.expect`, `c.no_loops`,
`c.not_using`. Runs only in the child process that holds the learner's code.

A check function `check_<id>(c)` calls these in order; the first failing case stops the check
with `CaseFailed`, whose fields say, in the learner's terms, what was checked, on which
inputs, what was expected and what came back.
"""

from __future__ import annotations

import ast
import copy
import errno
import traceback
from types import ModuleType
from typing import Any, Callable

from tutor.formatting import article

__all__ = ["Checker", "CaseFailed", "describe", "show", "trimmed", "out_of_memory", "PRINT_OPTIONS"]


class CaseFailed(Exception):
    """One case did not pass; carries the case's report (a dict)."""

    def __init__(self, case: dict):
        super().__init__(case.get("message", ""))
        self.case = case


# ---------------------------------------------------------------------------- printing


def describe(value: Any) -> str:
    """A value's kind and shape, e.g. `float32[4, 5]`, `int 3`, `tuple(float32[2], int64[])`."""
    import torch

    if isinstance(value, torch.Tensor):
        return f"{str(value.dtype).removeprefix('torch.')}{list(value.shape)}"
    if isinstance(value, list):
        return f"a list of {len(value)}" + (
            f" ({describe(value[0])}, …)" if value and isinstance(value[0], (list, tuple)) else ""
        )
    if isinstance(value, tuple):
        inner = ", ".join(describe(v) for v in value[:6]) + (", …" if len(value) > 6 else "")
        return f"tuple({inner})"
    if isinstance(value, torch.nn.Module):
        return f"{article(type(value).__name__)} module"
    if isinstance(value, (int, float, bool)) or value is None:
        return f"{type(value).__name__} {value!r}"
    return type(value).__name__


def show(value: Any) -> str:
    """A value printed compactly: small tensors in full, big ones elided, 4 significant digits."""
    import torch

    if isinstance(value, torch.Tensor):
        body = repr(value.detach().cpu()).removeprefix("tensor(")
        body = body.split(", dtype=")[0].split(", grad_fn=")[0].split(", requires_grad=")[0]
        body = body.removesuffix(")")
        lines = body.splitlines()
        pad = " " * (len(describe(value)) + 2)
        return "\n".join([f"{describe(value)} {lines[0]}"] + [pad + line.strip() for line in lines[1:]])
    if isinstance(value, tuple):
        return "(" + ", ".join(show(v) for v in value[:4]) + (", …)" if len(value) > 4 else ")")
    if isinstance(value, float):
        return f"{value:.6g}"
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "…"


FILE_LIMIT_MB = 256  # the largest file (printed output included) a check may write
PRINT_OPTIONS = dict(precision=4, threshold=24, edgeitems=2, linewidth=76)  # set in the child


def trimmed(exc: BaseException, path: str) -> str:
    """The traceback cut to the frames in the learner's file `path`, plus the error line; ""
    when none of the frames is theirs (e.g. a call with arguments it does not take)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    if not frames:
        return ""
    lines = [f"  line {f.lineno}, in {f.name}\n    {(f.line or '').strip()}" for f in frames]
    return "\n".join(lines + [f"{type(exc).__name__}: {exc}"])


# ---------------------------------------------------------------------------- comparing


def _mismatch(expected: Any, got: Any, atol: float, rtol: float, check_dtype: bool) -> str:
    """Why `got` differs from `expected` (a phrase), or "" if it does not."""
    import torch

    if isinstance(expected, torch.Tensor):
        if not isinstance(got, torch.Tensor):
            return f"expected a tensor, got {describe(got)}"
        if got.shape != expected.shape:
            return f"the shape is {list(got.shape)}; it should be {list(expected.shape)}"
        if check_dtype and got.dtype != expected.dtype:
            return (
                f"the dtype is {str(got.dtype).removeprefix('torch.')}; it should be "
                f"{str(expected.dtype).removeprefix('torch.')}"
            )
        if expected.dtype == torch.bool or not (expected.is_floating_point() or got.is_floating_point()):
            bad = got != expected
        else:
            e, g = expected.detach().double(), got.detach().double()
            if not torch.isfinite(g).all() and torch.isfinite(e).all():
                return "some values are nan or inf"
            bad = ~torch.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
        if bad.any():
            index = tuple(int(i) for i in bad.nonzero()[0])
            where = f" at {list(index)}" if index else ""
            return (
                f"{int(bad.sum())} of {bad.numel()} values differ; e.g.{where} got "
                f"{_item(got, index)}, expected {_item(expected, index)}"
            )
        return ""
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"expected {describe(expected)}, got {describe(got)}"
        for i, (e, g) in enumerate(zip(expected, got)):
            why = _mismatch(e, g, atol, rtol, check_dtype)
            if why:
                return f"item {i}: {why}"
        return ""
    if isinstance(expected, float):
        try:
            g = float(got)
        except (TypeError, ValueError):
            return f"expected a number, got {describe(got)}"
        return (
            ""
            if abs(g - expected) <= atol + rtol * abs(expected)
            else f"got {g:.6g}, expected {expected:.6g}"
        )
    if isinstance(expected, int) and not isinstance(expected, bool) and isinstance(got, float):
        return f"got {got!r}, a float; expected the int {expected}"
    return "" if got == expected else f"got {got!r}, expected {expected!r}"


def _item(t: Any, index: tuple) -> str:
    v = t[index].item() if index else t.item()
    return f"{v:.6g}" if isinstance(v, float) else str(v)


def _copy(args: tuple) -> tuple:
    """A deep copy of the inputs, so neither the learner nor the reference sees the other's
    in-place changes."""
    return copy.deepcopy(args)


# ---------------------------------------------------------------------------- the checker


class Checker:
    """Passed to `check_<id>(c)`. `c.fn` is the learner's function, `c.ref` the reference's.

    Every method either records a passing case or raises CaseFailed."""

    def __init__(
        self,
        learner: ModuleType,
        reference: ModuleType,
        function: str,
        learner_file: str,
        source: str,
        memory_gb: float = 0.0,
    ):
        self.memory_gb = memory_gb
        self.learner, self.reference = learner, reference
        self.function, self.file, self.source = function, learner_file, source
        self.cases: list[dict] = []
        self.ref = getattr(reference, function)
        self.fn = self._learner_function()

    # -- reporting
    def _fail(self, name: str, message: str, **details: Any) -> None:
        raise CaseFailed(
            {
                "name": name,
                "ok": False,
                "message": message,
                **{k: v for k, v in details.items() if v not in (None, "")},
            }
        )

    def _pass(self, name: str, inputs: str = "") -> None:
        self.cases.append({"name": name, "ok": True, **({"inputs": inputs} if inputs else {})})

    def _learner_function(self) -> Callable:
        fn = getattr(self.learner, self.function, None)
        if fn is None:
            self._fail(
                "your file defines the function",
                f"your file does not define `{self.function}`; keep the name from the "
                "starter (reset the exercise to get the starter back)",
            )
        if not callable(fn):
            self._fail(
                "your file defines the function",
                f"`{self.function}` in your file is {article(type(fn).__name__)}, not a function",
            )
        return fn

    # -- calling learner code
    def call(self, *args: Any, name: str = "", fn: Callable | None = None, **kwargs: Any) -> Any:
        """Call the learner's function (or `fn`, another learner callable); an exception
        fails the case with a traceback trimmed to the learner's file."""
        fn = fn or self.fn
        label = name or f"{self.function}({', '.join(describe(a) for a in args)})"
        try:
            return fn(*args, **kwargs)
        except CaseFailed:
            raise
        except Exception as exc:
            error = exc
        if isinstance(error, NotImplementedError) and self._raised_here(error):
            self._fail(
                label,
                f"not written yet: replace the `raise NotImplementedError` in "
                f"`{self.function}` with your code",
            )
        if out_of_memory(error):
            self._fail(
                label,
                f"your code used more than {self.memory_gb:g} GB of memory ({error})",
                inputs=_inputs(args),
            )
        if isinstance(error, OSError) and error.errno == errno.EFBIG:
            self._fail(
                label,
                f"your code wrote a file (or printed) more than {FILE_LIMIT_MB} MB",
                inputs=_inputs(args),
            )
        self._fail(
            label,
            f"your code raised {type(error).__name__}: {error}",
            inputs=_inputs(args),
            traceback=self.trimmed(error),
        )

    def _raised_here(self, exc: BaseException) -> bool:
        frames = traceback.extract_tb(exc.__traceback__)
        return bool(frames) and frames[-1].filename == self.file

    def trimmed(self, exc: BaseException) -> str:
        return trimmed(exc, self.file)

    # -- cases
    def same(
        self, *args: Any, name: str = "", atol: float = 1e-6, rtol: float = 1e-5, check_dtype: bool = True
    ) -> Any:
        """The learner's function and the reference agree on these inputs (each gets its own
        copy). Returns the learner's result."""
        inputs = _inputs(args)
        label = name or f"{self.function}({', '.join(describe(a) for a in args)})"
        expected = self.ref(*_copy(args))
        got = self.call(*_copy(args), name=label)
        why = _mismatch(expected, got, atol, rtol, check_dtype)
        if why:
            self._fail(label, why, inputs=inputs, expected=show(expected), got=show(got))
        self._pass(label, inputs)
        return got

    def expect(
        self, ok: Any, name: str, message: str, *, expected: Any = None, got: Any = None, inputs: str = ""
    ) -> None:
        """A behavioural or structural case: passes if `ok`, else fails with `message`."""
        if not ok:
            self._fail(
                name,
                message,
                inputs=inputs,
                expected=None
                if expected is None
                else (expected if isinstance(expected, str) else show(expected)),
                got=None if got is None else (got if isinstance(got, str) else show(got)),
            )
        self._pass(name, inputs)

    # -- rules (read the learner's source, never run it)
    def _tree(self) -> ast.AST:
        return ast.parse(self.source, filename=self.file)

    def no_loops(self, why: str = "let tensor operations do the looping") -> None:
        """No Python loop or comprehension anywhere in the learner's file."""
        loops = (ast.For, ast.While, ast.AsyncFor, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
        for node in ast.walk(self._tree()):
            if isinstance(node, loops):
                kind = "loop" if isinstance(node, (ast.For, ast.While, ast.AsyncFor)) else "comprehension"
                self._fail("no Python loop", f"line {node.lineno} has a Python {kind}: {why}")
        self._pass("no Python loop")

    def not_using(self, *names: str, why: str) -> None:
        """None of `names` (function, attribute, class or operator names such as "softmax",
        "MSELoss", "@") appears in the learner's file; `why` is said when one does."""
        wanted = set(names)
        name = "does not use " + ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
        for node in ast.walk(self._tree()):
            used = None
            if isinstance(node, ast.Attribute) and node.attr in wanted:
                used = node.attr
            elif isinstance(node, ast.Name) and node.id in wanted:
                used = node.id
            elif isinstance(node, ast.alias) and node.name.split(".")[-1] in wanted:
                used = node.name
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult) and "@" in wanted:
                used = "@"
            if used:
                self._fail(name, f"line {getattr(node, 'lineno', '?')} uses `{used}`: {why}")
        self._pass(name)


def out_of_memory(exc: BaseException) -> bool:
    """An allocation refused by the memory limit (Python's MemoryError or torch's)."""
    return isinstance(exc, MemoryError) or (
        isinstance(exc, RuntimeError) and "can't allocate memory" in str(exc)
    )


def _inputs(args: tuple) -> str:
    return ", ".join(describe(a) for a in args)
