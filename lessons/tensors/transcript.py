"""Shows a lesson's tensor functions as a Python session: their code with your values written in.

A `Step` is one call of a real function, `fn(**args)`. Its lines are `fn`'s body, read from
its source, with each argument written in: a tensor made earlier in the session by its name
(`Ref("A")` -> `A`), any other value as Python writes it (`(2, 3)`, `torch.float32`, `'cuda'`);
a starred argument item by item (`A.reshape(*shape)` with shape (3, 2) -> `A.reshape(3, 2)`).
The final `return x` reads `A = x` when the step keeps its result as `A`, else `x`, and then
the value is printed. `replay` calls each function for real and stops at the first exception,
after the line that raised, with PyTorch's own message. So each line the learner reads is the
code that ran, and each printed value is what it returned (lessons tensors, tensor-ops).
"""

from __future__ import annotations

import ast
import copy
import functools
import inspect
import textwrap
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

SHOW_IN_CODE_VIEW = False


@dataclass(frozen=True)
class Ref:
    """An argument that is the tensor the session made earlier under this name."""

    name: str


@dataclass(frozen=True)
class Step:
    """One call, `fn(**args)`; its result is kept under `name`, or printed when name is None."""

    fn: Callable[..., Any]
    args: dict[str, Any]
    name: str | None = None

    @classmethod
    def picking(cls, fn: Callable[..., Any], available: dict[str, Any], name: str | None = None) -> Step:
        """The step that passes `fn` the arguments its parameters name, taken from `available`."""
        return cls(fn, {arg: available[arg] for arg in inspect.signature(fn).parameters}, name)

    def lines(self) -> list[str]:
        """`fn`'s body with the arguments written in, one statement a line."""
        out = []
        for statement in _body(self.fn):
            statement = _WriteIn(self.args).visit(copy.deepcopy(statement))
            if isinstance(statement, ast.Return):
                code = ast.unparse(statement.value) if statement.value is not None else "None"
                out.append(f"{self.name} = {code}" if self.name else code)
            else:
                out.append(ast.unparse(statement))
        return out

    def failed_line(self, error: BaseException) -> int:
        """Index in `lines()` of the statement that raised `error`."""
        body, tb = _body(self.fn), error.__traceback__
        while tb is not None and tb.tb_frame.f_code is not self.fn.__code__:
            tb = tb.tb_next
        if tb is None:  # raised before the body ran
            return 0
        line = tb.tb_lineno - self.fn.__code__.co_firstlineno + 1  # as numbered in _body
        return next((i for i, s in enumerate(body) if s.lineno <= line <= s.end_lineno), len(body) - 1)


@functools.cache
def _body(fn: Callable[..., Any]) -> list[ast.stmt]:
    """The statements of `fn`, its docstring left out; line 1 is the `def` line."""
    definition = ast.parse(textwrap.dedent(inspect.getsource(fn))).body[0]
    assert isinstance(definition, ast.FunctionDef), fn
    body = definition.body
    if (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]  # the docstring
    return body


def _code(value: Any) -> ast.expr:
    """A value as an expression: a session tensor by name, anything else as Python writes it."""
    if isinstance(value, Ref):
        return ast.Name(value.name, ast.Load())
    return ast.parse(repr(value), mode="eval").body


class _WriteIn(ast.NodeTransformer):
    """Replaces each parameter of the function by the argument it was given."""

    def __init__(self, args: dict[str, Any]):
        self.args = args

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return _code(self.args[node.id]) if node.id in self.args else node

    def visit_Starred(self, node: ast.Starred) -> Any:
        value = self.args.get(node.value.id) if isinstance(node.value, ast.Name) else None
        if isinstance(value, (tuple, list)):
            return [_code(item) for item in value]  # *shape -> 3, 2
        return self.generic_visit(node)


@dataclass
class Session:
    """What a replay ran: its code lines, the transcript the learner reads, the tensors made by
    name, the value of the last step (None when it was kept under a name) or the error."""

    steps: list[Step]
    lines: list[str] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    names: dict[str, Any] = field(default_factory=dict)
    value: Any = None
    error: Exception | None = None
    failed_step: int | None = None

    @property
    def failed_at(self) -> int:
        """Index in `lines` of the line that raised (len(lines) when none did)."""
        return len(self.lines) - 1 if self.error is not None else len(self.lines)


def replay(steps: list[Step]) -> Session:
    """Call each step's function like lines typed at the Python prompt: print each value that
    is not kept under a name, and any warning; stop at the first error."""
    session = Session(list(steps))
    for index, step in enumerate(steps):
        lines = step.lines()
        args = {k: session.names[v.name] if isinstance(v, Ref) else v for k, v in step.args.items()}
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value = step.fn(**args)
        except Exception as error:  # the learner is meant to see PyTorch's errors
            ran = lines[: step.failed_line(error) + 1]
            session.lines += ran
            session.transcript += [">>> " + line for line in ran]
            session.transcript.append(f"{type(error).__name__}: {error}")
            session.error, session.value, session.failed_step = error, None, index
            return session
        session.lines += lines
        session.transcript += [">>> " + line for line in lines]
        session.transcript += [f"{w.category.__name__}: {w.message}" for w in caught]
        if step.name is None:
            session.value = value
            if value is not None:
                session.transcript.append(repr(value))
        else:
            session.names[step.name], session.value = value, None
    return session
