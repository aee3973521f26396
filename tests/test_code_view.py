"""The Code view shows the code a lesson runs: its module and the course helpers it uses."""

from tutor.course import catalogue
from tutor.lesson_source import lesson_source


def test_code_view_includes_shared_helper_modules():
    lesson = catalogue().get("validation").load()
    source = lesson_source(lesson)
    assert source.lstrip().startswith('"""') or source.lstrip().startswith("import")
    assert "def train(p, run)" in source
    assert "# lessons.generalisation.diabetes (used by this lesson)" in source
    # and not the tutor's own machinery
    assert "class Run" not in source and "class Lesson" not in source


def test_code_view_keeps_answers_hints_and_plumbing_out():
    course = catalogue()
    for ref in course:
        source = lesson_source(ref.load())
        assert "def train(" in source, ref.id
        for answer_giver in ("LESSON = Lesson(", "Quiz.choice(", "Quiz.number(", "solution={", "hints=["):
            assert answer_giver not in source, (ref.id, answer_giver)
    image_lesson = lesson_source(course.get("mnist-first-look").load())
    assert "# lessons.mnist (used by this lesson, not shown:" in image_lesson
    assert "def install(" not in image_lesson and "hashlib" not in image_lesson
