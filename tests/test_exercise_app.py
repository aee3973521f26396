"""Code exercises in the app, through Pilot on the test pack's `coding` lesson (the demo
lesson with two exercises, tests/fake_lessons/coding_exercises): the panel, Check, the
editor pane (typing, ctrl+s, esc), a file changed on disk, $EDITOR, an endless loop, and the
course's detail panel. Checks go to the session's warm checker (conftest.exercise_worker)."""

import os
import stat

import pytest
from textual.widgets import Button, ContentSwitcher

from tests.fake_lessons import PARTS
from tests.test_app import wait_for
from tests.test_quiz_panel import screen_lines, shown_text
from tutor.app import TutorApp
from tutor.course import Catalogue, LessonRef, Part
from tutor.exercises import files, for_lesson, record
from tutor.progress import Progress
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.screens.lesson_exercises import CodeEditor
from tutor.widgets.exercise_panel import ExercisePanel, ReportView

CODING = LessonRef("coding", "Coding lesson", "tests.fake_lessons.coding")
SOLUTION = "import torch\n\n\ndef double(x):\n    return 2 * x\n"
ENDLESS = "def double(x):\n    while True:\n        pass\n"


def course() -> Catalogue:
    return Catalogue(PARTS + [Part("Exercises", [CODING])])


def make_app(tmp_path, worker, start="coding"):
    app = TutorApp(progress=Progress(tmp_path / "progress.json"), course=course(), start=start)
    app.exercise_checker = worker
    return app


def double():
    return for_lesson(course().get("coding"))[0]


async def open_coding(pilot, app) -> LessonScreen:
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, LessonScreen)
            and app.screen.is_mounted
            and bool(app.screen.query(ExercisePanel))
        ),
    )
    await pilot.pause()
    return app.screen


def report(screen) -> str:
    return screen.query_one(ExercisePanel).report.text


def attempts(app) -> dict:
    return record.state(app.progress, "coding", "double")


async def test_panel_shows_the_exercise_and_check_reports_in_full(tmp_path, exercise_worker):
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        panels = list(screen.query(ExercisePanel))
        assert [p.exercise.id for p in panels] == ["double"]  # page 1 only: halve is on page 3
        panel = panels[0]
        panel.scroll_visible(animate=False)
        await pilot.pause()
        text = shown_text(app, panel)
        for words in (
            "Exercise: double(x) without a loop",
            "twice x",
            "Status: not started",
            "Edit",
            "Check",
            "Hint",
            "$EDITOR",
            "double.py",
        ):
            assert words in text, words
        assert panel.region.right <= 80
        assert "x: exercise" in str(screen.query_one("#page-nav").render())
        assert not panel.query_one(".exercise-solution", Button).display  # not before a pass
        await pilot.click(panel.query_one(".exercise-check", Button))
        await wait_for(pilot, lambda: "not written yet" in report(screen))
        assert attempts(app)["attempts"] == 1 and attempts(app)["passed"] is False
        assert "not passing yet (1 check)" in str(panel.query_one(".exercise-status").render())
        assert files.path(double()).read_text() == double().starter()  # made from the starter
        panel.report.scroll_visible(animate=False)
        await pilot.pause()
        assert "not written yet" in shown_text(app, panel.report)
        # every hint, then the solution is offered
        for n in range(1, len(double().hints) + 1):
            panel.query_one(".exercise-hint", Button).press()
            await wait_for(pilot, lambda n=n: panel.hints_shown == n)  # recorded by the screen
        assert "return 2 * x" in str(panel.query_one(".exercise-hints").render())
        assert panel.query_one(".exercise-solution", Button).display


async def test_hints_shown_are_there_again_after_a_restart(tmp_path, exercise_worker):
    def hints_text(panel) -> str:
        return str(panel.query_one(".exercise-hints").render())

    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        panel = screen.query_one(ExercisePanel)
        panel.query_one(".exercise-hint", Button).press()
        await wait_for(pilot, lambda: "Hint 1 of 2: Multiply by 2." in hints_text(panel))
        assert not panel.query_one(".exercise-solution", Button).display
    assert attempts(app)["hints_shown"] == 1
    app = make_app(tmp_path, exercise_worker)  # a restart: a fresh app and progress
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        panel = screen.query_one(ExercisePanel)
        assert "Hint 1 of 2: Multiply by 2." in hints_text(panel) and "Hint 2" not in hints_text(panel)
        panel.query_one(".exercise-hint", Button).press()  # the next one, not the first again
        await wait_for(pilot, lambda: "Hint 2 of 2: return 2 * x" in hints_text(panel))
        assert not panel.query_one(".exercise-hint", Button).display
        assert panel.query_one(".exercise-solution", Button).display  # every hint shown
        panel.query_one(".exercise-solution", Button).press()
        code = panel.query_one(".exercise-solution-code")
        await wait_for(pilot, lambda: code.display)
        code.scroll_visible(animate=False)
        await pilot.pause()
        assert "return 2 * x" in shown_text(app, code)
    assert attempts(app)["hints_shown"] == 2 and attempts(app)["solution_shown"]
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = (await open_coding(pilot, app)).query_one(ExercisePanel)
        assert "Hint 2 of 2" in hints_text(panel) and panel.query_one(".exercise-solution", Button).display


async def test_editor_types_saves_checks_and_esc_keeps_the_text(tmp_path, exercise_worker):
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        assert screen.query_one("#left-switcher", ContentSwitcher).current == "editor"
        editor = screen.query_one(CodeEditor)
        assert screen.focused is editor
        assert editor.text == double().starter()
        editor.load_text("")
        await pilot.press(*"n = 1", "enter")  # lesson keys type, they do not act
        assert screen.page == 0 and editor.text.startswith("n = 1")
        editor.load_text(SOLUTION)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.query_one("#editor-report", ReportView).result is not None)
        shown = screen.query_one("#editor-report", ReportView)
        assert shown.result.passed and "PASSED" in shown.text
        assert files.path(double()).read_text() == SOLUTION
        assert attempts(app)["passed"] is True
        assert "PASSED" in "\n".join(screen_lines(app))
        # esc saves what was typed since, and goes back to the page
        editor.insert("# mine\n", (0, 0))
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#left-switcher", ContentSwitcher).current == "reader"
        assert files.path(double()).read_text() == "# mine\n" + SOLUTION
        panel = screen.query_one(ExercisePanel)
        assert "passed" in str(panel.query_one(".exercise-status").render())
        assert panel.query_one(".exercise-solution", Button).display


async def test_a_file_changed_on_disk_is_checked_again(tmp_path, exercise_worker):
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_coding(pilot, app)
        path = files.path(double())
        assert path.read_text() == double().starter()  # made when the lesson opened
        await pilot.pause(1.5)
        assert "attempts" not in attempts(app)  # making it is not a change to check
        path.write_text(SOLUTION)
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        await wait_for(pilot, lambda: attempts(app).get("passed") is True)
        await wait_for(pilot, lambda: "PASSED" in report(screen))


async def test_external_editor_edits_then_checks(tmp_path, exercise_worker, monkeypatch):
    answer, script = tmp_path / "answer.py", tmp_path / "fake-editor"
    answer.write_text(SOLUTION)
    script.write_text(f'#!/bin/sh\ncp "{answer}" "$1"\n')  # the learner's edit
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any("No editor set" in (n.title or "") for n in app._notifications)
        assert "attempts" not in attempts(app)
        monkeypatch.setenv("EDITOR", str(script))
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: attempts(app).get("passed") is True)
        assert files.path(double()).read_text() == SOLUTION
        await wait_for(pilot, lambda: "PASSED" in report(screen))


async def test_an_endless_loop_times_out_and_the_app_stays_responsive(tmp_path, exercise_worker):
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        path = files.ensure(double())
        path.write_text(ENDLESS)
        panel = screen.query_one(ExercisePanel)
        panel.query_one(".exercise-check", Button).press()
        await wait_for(pilot, lambda: "Checking" in report(screen))
        await pilot.press("n")  # the interface answers while it runs
        await wait_for(pilot, lambda: screen.page == 1)
        await pilot.press("x")  # page 2 has no exercise: says where they are
        assert any("see page 1, 3" in (n.message or "") for n in app._notifications)
        await wait_for(pilot, lambda: attempts(app).get("attempts") == 1)
        assert record.status(app.progress, "coding", "double") == "tried"
        assert any("timed out" in (n.message or "").lower() for n in app._notifications)


async def test_course_detail_counts_exercises_passed(tmp_path, exercise_worker):
    app = make_app(tmp_path, exercise_worker, start=None)
    record.record(app.progress, "coding", "double", True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        home = app.screen
        text = str(home.describe("coding"))
        assert "1 of 2 passed" in text
        assert "xercises" not in str(home.describe("demo"))


def test_progress_command_counts_exercises_passed(capsys, tutor_home):
    from tutor.cli import main

    progress = Progress(tutor_home / "progress.json")
    record.record(progress, "losses", "softmax", True)
    record.record(progress, "losses", "fix_softmax_ce", False)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "exercises: 1 of 2 passed" in out.split("\nlosses")[1]


async def test_the_editor_colours_python_when_tree_sitter_is_installed(tmp_path, exercise_worker):
    pytest.importorskip("tree_sitter")
    pytest.importorskip("tree_sitter_python")
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        editor = screen.query_one(CodeEditor)
        assert editor.language == "python" and editor.is_syntax_aware and editor.show_line_numbers
        editor.load_text('def double(x):\n    return "twice"\n')
        await pilot.pause()
        names = {line: {name for *_, name in marks} for line, marks in editor._highlights.items()}
        assert "keyword.function" in names[0] and {"keyword.return", "string"} <= names[1], names
        assert "plain text" not in str(screen.query_one("#editor-title").render())


async def test_without_tree_sitter_the_editor_is_plain_text_with_a_note(
    tmp_path, exercise_worker, monkeypatch
):
    import textual._tree_sitter

    monkeypatch.setattr(textual._tree_sitter, "get_language", lambda name: None)
    app = make_app(tmp_path, exercise_worker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        editor = screen.query_one(CodeEditor)
        assert editor.language is None and not editor.is_syntax_aware
        assert editor.text == double().starter()
        assert "plain text: install textual[syntax]" in str(screen.query_one("#editor-title").render())
