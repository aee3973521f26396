"""The authoring API: what a lesson module or a lesson pack imports.

    from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from

It re-exports the pieces, which live in modules of their own: `tutor.params` (Param and its
kinds, Params, ParamError), `tutor.lesson` (Chart, Goal, Quiz, Lesson, pages_from) and
`tutor.catalogue` (LessonRef, Part, Catalogue, catalogue). Engine code imports from those
modules directly. None of them imports Textual or torch.
"""

from tutor.catalogue import Catalogue, LessonRef, Part, UnknownLesson, catalogue
from tutor.lesson import Chart, Goal, Lesson, Quiz, pages_from
from tutor.params import Param, ParamError, Params, shown

__all__ = [
    "Param",
    "ParamError",
    "Params",
    "Chart",
    "Goal",
    "Quiz",
    "Lesson",
    "LessonRef",
    "Part",
    "Catalogue",
    "UnknownLesson",
    "catalogue",
    "pages_from",
    "shown",
]
