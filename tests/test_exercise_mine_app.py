""" "Use my code" in the app (Pilot, 80x24): m switches the lesson's run to the learner's
function, which trains in a child process; its prints reach the run's notes; Stop ends an
endless loop at once and the app goes on; an untouched starter is refused."""

import time

from textual.widgets import DataTable, Static

from tests.screen import screen_text
from tests.test_app import wait_for
from tutor.app import TutorApp
from tutor.course import catalogue
from tutor.exercises import files, for_lesson
from tutor.progress import Progress
from tutor.screens.lesson import LessonScreen
from tutor.screens.runs import RunsScreen

LESSON = "train-a-classifier"


def accuracy_exercise():
    return next(ex for ex in for_lesson(catalogue().get(LESSON)) if ex.used_as)


def write(source: str) -> None:
    path = files.path(accuracy_exercise())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")


async def open_lesson(pilot, app) -> LessonScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted, 60)
    await pilot.pause()
    return app.screen


def make_app(tmp_path):
    return TutorApp(progress=Progress(tmp_path / "progress.json"), start=LESSON)


async def test_my_code_trains_and_its_prints_show(tmp_path):
    write("def accuracy(scores, y):\n    print('APP-MARKER')\n    return 0.123\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, app)
        line = screen.query_one("#use-mine", Static)
        assert line.display and "○ m: use my code (off): accuracy (not passed)" in str(line.render())
        await pilot.press("m")
        assert "◉ m: use my code (on)" in str(line.render())
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.last_result is not None, 90)
        result = screen.last_result
        assert result.status == "finished", result.error or result.message
        assert result.metrics["test_accuracy"] == 0.123
        assert "your code printed: APP-MARKER" in result.notes
        assert "your accuracy has not passed its check yet" in result.notes
        assert "with your accuracy" in str(screen.query_one("#run-status", Static).render())
        # a toast says what the learner's code printed
        assert any("APP-MARKER" in str(n.message) for n in app._notifications)
        assert app.progress.runs(LESSON)[-1]["code"] == {"accuracy": "mine"}
        await pilot.press("l")  # the run's history tells it apart
        await wait_for(pilot, lambda: isinstance(app.screen, RunsScreen))
        table = app.screen.query_one(DataTable)
        assert any("your accuracy" in str(cell) for cell in table.get_row_at(0))
        # the run's notes, under the table
        await wait_for(pilot, lambda: "your code printed: APP-MARKER" in screen_text(app), 5)


async def test_stop_ends_my_endless_loop_and_the_app_goes_on(tmp_path):
    write("def accuracy(scores, y):\n    print('LOOPING', flush=True)\n    while True:\n        pass\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, app)
        await pilot.press("m", "r")
        await wait_for(
            pilot,
            lambda: (
                screen.run_in_progress is not None
                and "your code printed: LOOPING" in screen.run_in_progress.snapshot(curves=False).notes
            ),
            90,
        )
        stopped = time.monotonic()
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.last_result is not None, 5)
        assert time.monotonic() - stopped < 1.5
        assert screen.last_result.status == "cancelled"
        await pilot.press("m", "r")  # the app goes on: a run with the lesson's own code
        await wait_for(pilot, lambda: screen.last_result.status == "finished", 90)
        assert not screen.last_result.code


async def test_an_untouched_starter_does_not_run(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, app)
        assert "use my code (off): not written yet: accuracy" in str(
            screen.query_one("#use-mine", Static).render()
        )
        await pilot.press("m", "r")
        await pilot.pause()
        assert screen.run_in_progress is None
        assert any("still the starter" in (n.message or "") for n in app._notifications)
