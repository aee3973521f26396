"""The catalogue: the lesson packs installed, their parts and lessons, listed without
importing any lesson's code (nor torch). No Textual.

A pack is a module attribute holding a list of `Part`, named by an entry point of the group
`tutor.lessons`; the tutor's own course is one such pack (pyproject.toml), so the engine
imports no course.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from dataclasses import dataclass, replace
from importlib.metadata import EntryPoint, entry_points
from typing import Iterable

from tutor.lesson import Lesson, pages_from
from tutor.params import shown

__all__ = ["LessonRef", "Part", "Catalogue", "UnknownLesson", "catalogue"]


@dataclass(frozen=True)
class LessonRef:
    """A catalogue entry: enough to list and describe the lesson without importing its code.

    summary: what the lesson teaches, in a sentence; source: the course material it rebuilds;
    goal: the goal's text (the contract tests check it matches the lesson's `Goal`).
    """

    id: str
    title: str
    module: str
    part: str = ""
    summary: str = ""
    source: str = ""
    goal: str = ""

    def page_count(self) -> int | None:
        """The number of pages, read from the Markdown file beside the lesson's module without
        importing it (nor torch); None if there is no such file."""
        return _page_count(self.module)

    def load(self) -> Lesson:
        module = importlib.import_module(self.module)
        lesson: Lesson = module.LESSON
        return replace(lesson, id=self.id, title=self.title, part=self.part)


@functools.cache
def _page_count(module: str) -> int | None:
    try:
        spec = importlib.util.find_spec(module)  # imports the parent packages only
        return len(pages_from(spec.origin)) if spec and spec.origin else None
    except (ImportError, ValueError, OSError):
        return None


@dataclass(frozen=True)
class Part:
    title: str
    lessons: tuple[LessonRef, ...]

    def __init__(self, title: str, lessons: Iterable[LessonRef]):
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "lessons", tuple(replace(r, part=title) for r in lessons))


class UnknownLesson(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


class Catalogue:
    """The course: parts in order, each with its lessons in order."""

    def __init__(self, parts: Iterable[Part], warnings: Iterable[str] = ()):
        self.parts = tuple(parts)
        self.warnings = list(warnings)  # e.g. a lesson pack that failed to load
        self._by_id: dict[str, LessonRef] = {}
        for part in self.parts:
            for ref in part.lessons:
                if ref.id in self._by_id:
                    raise ValueError(f"two lessons share the id {ref.id!r}")
                self._by_id[ref.id] = ref

    def __iter__(self):
        for part in self.parts:
            yield from part.lessons

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, lesson_id: str) -> LessonRef:
        try:
            return self._by_id[lesson_id]
        except KeyError:
            raise UnknownLesson(
                f"unknown lesson {shown(lesson_id)}; lessons are: {', '.join(self._by_id)}"
            ) from None


GROUP = "tutor.lessons"  # the entry-point group every lesson pack registers under
OWN_DISTRIBUTION = "dltutor"  # the tutor's own distribution: its pack, the course, comes first
NO_LESSONS = (
    "no lessons installed: the course and lesson packs are found through the entry-point group "
    f"'{GROUP}'; in the tutor's source folder, run: pip install -e ."
)


def _pack_order(ep: EntryPoint) -> tuple[bool, str, str]:
    """The tutor's own course first, then the other packs by entry-point name."""
    dist = getattr(ep, "dist", None)
    own = dist is not None and dist.name.lower().replace("_", "-") == OWN_DISTRIBUTION
    return (not own, ep.name, ep.value)


def _load_pack(ep: EntryPoint) -> list[Part]:
    pack = ep.load()
    parts = list(pack) if isinstance(pack, (list, tuple)) else None
    if parts is None or not all(isinstance(part, Part) for part in parts):
        raise TypeError(f"{ep.value} is not a list of tutor.course.Part")
    return parts


def catalogue() -> Catalogue:
    """Every lesson pack installed under the entry-point group `tutor.lessons` (each entry
    point names a list of Part; the built-in course is one, registered in pyproject.toml):
    the tutor's own course first, then the others by entry-point name. A pack that cannot be
    loaded, or a lesson whose id an earlier pack already uses (the first one wins), is left
    out with a warning; with no lessons at all, a warning says how to install the course."""
    parts: list[Part] = []
    warnings: list[str] = []
    owner: dict[str, str] = {}  # lesson id -> the pack it came from
    for ep in sorted(entry_points(group=GROUP), key=_pack_order):
        try:
            pack = _load_pack(ep)
        except Exception as exc:  # a broken pack must not take the course down
            warnings.append(f"lesson pack {ep.name!r} could not be loaded: {exc}")
            continue
        for part in pack:
            kept = []
            for ref in part.lessons:
                if ref.id in owner:
                    warnings.append(
                        f"lesson pack {ep.name!r}: the lesson id {ref.id!r} is already used by pack "
                        f"{owner[ref.id]!r}, so its lesson “{ref.title}” is left out"
                    )
                    continue
                owner[ref.id] = ep.name
                kept.append(ref)
            if kept:
                parts.append(Part(part.title, kept))
    if not parts:
        warnings.append(NO_LESSONS)
    return Catalogue(parts, warnings)
