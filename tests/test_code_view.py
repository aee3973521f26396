"""The Code view shows the code a lesson runs: its module and the course helpers it uses."""

from tutor.course import catalogue
from tutor.screens.lesson import lesson_source


def test_code_view_includes_shared_helper_modules():
    lesson = catalogue().get("validation").load()
    source = lesson_source(lesson)
    assert source.lstrip().startswith('"""') or source.lstrip().startswith("import")
    assert "def train(p, run)" in source
    assert "# lessons.generalisation.diabetes (used by this lesson)" in source
    # and not the tutor's own machinery
    assert "class Run" not in source and "class Lesson" not in source
