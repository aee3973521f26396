"""A check's result, and how it reads: per case what was checked, on which inputs, what was
expected and what came back, and the traceback cut to the learner's own lines."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from typing import Any

from tutor.exercises.model import Exercise

__all__ = ["CheckResult", "Case"]


@dataclass(frozen=True)
class Case:
    name: str
    ok: bool
    message: str = ""
    inputs: str = ""
    expected: str = ""
    got: str = ""
    traceback: str = ""


@dataclass(frozen=True)
class CheckResult:
    exercise: Exercise
    passed: bool
    cases: tuple[Case, ...] = ()
    output: str = ""  # what the learner's code printed (its tail)
    seconds: float = 0.0
    timed_out: bool = False
    error: str = ""  # a fault of the exercise itself (not the learner's)

    @classmethod
    def from_json(cls, exercise: Exercise, data: dict) -> "CheckResult":
        fields = Case.__dataclass_fields__
        cases = tuple(
            Case(**{k: str(v) if k != "ok" else bool(v) for k, v in c.items() if k in fields})
            for c in data.get("cases", [])
        )
        return cls(
            exercise,
            bool(data.get("passed")) and not data.get("error"),
            cases,
            str(data.get("output", "")),
            float(data.get("seconds", 0.0)),
            bool(data.get("timed_out")),
            str(data.get("error") or ""),
        )

    @property
    def failure(self) -> Case | None:
        return next((c for c in self.cases if not c.ok), None)

    @property
    def message(self) -> str:
        """One line: passed, or why not."""
        if self.error:
            return "the exercise's own check failed (a bug in tutor, not in your code)"
        if self.passed:
            return "passed"
        failure = self.failure
        return failure.message.splitlines()[0] if failure else "failed"

    def to_json(self) -> dict[str, Any]:
        return {
            "lesson": self.exercise.lesson,
            "id": self.exercise.id,
            "passed": self.passed,
            "message": self.message,
            "seconds": self.seconds,
            "timed_out": self.timed_out,
            "cases": [c.__dict__ for c in self.cases],
            "output": self.output,
            **({"error": self.error} if self.error else {}),
        }

    def text(self, width: int | None = None) -> str:
        """The report for a terminal (plain text); sentences wrapped to `width` columns
        (default: the terminal's, at most 100)."""
        ex = self.exercise
        head = f"{ex.key}: {'PASSED' if self.passed else 'not yet'} ({ex.title})"
        lines = [head]
        for case in self.cases:
            lines.append(f"  {'ok  ' if case.ok else 'FAIL'} {case.name}")
            if case.ok:
                continue
            for label, value in (
                ("", case.message),
                ("inputs:   ", case.inputs),
                ("expected: ", case.expected),
                ("got:      ", case.got),
            ):
                if value and label:  # values (tensors) keep their own line breaks
                    lines.extend(_indent(label + value, "       ", " " * (7 + len(label))))
                elif value:
                    lines.extend(wrap(value, "       ", "       ", width))
            if case.traceback:
                lines.append("       where, in your file:")
                lines.extend(_indent(case.traceback, "         ", "         "))
        if self.error:
            lines.append("  The exercise's own check failed; please report this:")
            lines.extend(_indent(self.error.rstrip(), "    ", "    "))
        if self.output.strip():
            lines.append("  your code printed:")
            lines.extend(_indent(self.output.rstrip(), "    ", "    "))
        return "\n".join(lines)


def wrap(text: str, first: str, rest: str, width: int | None = None) -> list[str]:
    """Sentences wrapped to the terminal (at most 100 columns), line breaks kept."""
    width = width or min(100, max(60, shutil.get_terminal_size((80, 24)).columns - 1))
    out: list[str] = []
    for i, line in enumerate(text.splitlines() or [""]):
        out.extend(
            textwrap.wrap(
                line,
                width,
                initial_indent=first if i == 0 else rest,
                subsequent_indent=rest,
                break_on_hyphens=False,
            )
            or [rest]
        )
    return out


def _indent(text: str, first: str, rest: str) -> list[str]:
    out = text.splitlines() or [""]
    return [first + out[0]] + [rest + line for line in out[1:]]
