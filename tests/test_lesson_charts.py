"""Every chart of every lesson, after a quick run, draws at the sizes an 80×24 and a 100×30
terminal give a chart (about 44×12 and 60×16), and a little smaller (a goal hint shown)."""

import re

import pytest
from rich.console import Console

from tests.conftest import private_home, run_lesson
from tutor import rendering
from tutor.course import catalogue

SIZES = [(44, 12), (44, 10), (60, 16), (60, 14)]
IDS = [ref.id for ref in catalogue()]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Each lesson's quick run, made once for the module."""
    out = {}
    with private_home(tmp_path_factory, "lesson-charts"):
        for lesson_id in IDS:
            lesson = catalogue().get(lesson_id).load()
            out[lesson_id] = (lesson, run_lesson(lesson_id, lesson.quick))
    return out


def drawings(lesson, result):
    for chart in lesson.charts:
        if chart.kind == "line":
            picked = chart.pick(result.curves)
            if picked:
                yield chart.id, rendering.curves_plot(picked, xlabel=chart.x, logy=chart.logy)
        elif chart.id in result.figures:
            yield chart.id, result.figures[chart.id]


@pytest.mark.parametrize("lesson_id", IDS)
def test_every_chart_of_the_lesson_draws_small(results, lesson_id):
    lesson, result = results[lesson_id]
    assert result.status == "finished", result.error or result.message
    drawn = 0
    for chart_id, figure in drawings(lesson, result):
        for width, height in SIZES:
            console = Console(width=max(width, 300), record=True, color_system=None)
            console.print(rendering.render(figure, width, height, shown=1), crop=False)
            text = console.export_text()
            assert text.strip() and "could not be drawn" not in text, (chart_id, width, height)
            assert "make the window larger" not in text, (chart_id, width, height)
            for label in re.findall(r"(\S+)┤", text):
                assert len(label) <= 10, (chart_id, width, height, label)
            if rendering.fills(figure):
                assert len(text.rstrip("\n").split("\n")) <= height, (chart_id, width, height)
        drawn += 1
    assert drawn, "a quick run draws at least one chart"
