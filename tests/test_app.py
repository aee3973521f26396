"""The app, driven headless through Textual's Pilot on a tiny test lesson pack."""

import json
import time

from textual.widgets import Input, Markdown, Select

from tests.fake_lessons import course
from tutor.app import TutorApp
from tutor.progress import Progress
from tutor.screens.dialogs import ErrorScreen, TooSmallScreen
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.widgets.chart_view import ChartView, FigureView
from tutor.widgets.goal_panel import GoalPanel
from tutor.widgets.param_form import ParamForm
from tutor.widgets.quiz_panel import QuizPanel

SIZE = (120, 36)


def make_app(tmp_path, start=None):
    return TutorApp(progress=Progress(tmp_path / "progress.json"), course=course(), start=start)


async def wait_for(pilot, condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("condition not reached in time")


async def open_demo(pilot, app):
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("enter")
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, LessonScreen)
            and app.screen.is_mounted
            and bool(app.screen.query(".param-row"))
        ),
    )
    await pilot.pause()
    return app.screen


async def set_field(pilot, screen, name, text):
    field = screen.query_one(f"#param-{name}", Input)
    field.focus()
    field.value = text
    await pilot.pause()


async def start_long_run(pilot, screen):
    """Start a run of 100,000 slow epochs and return it once a few epochs are done."""
    await set_field(pilot, screen, "epochs", "100000")
    await set_field(pilot, screen, "delay", "0.01")
    await pilot.press("escape", "r")
    await wait_for(pilot, lambda: screen.run_in_progress is not None)
    run = screen.run_in_progress
    await wait_for(pilot, lambda: run.progress()[0] > 5)
    return run


async def run_to_end(pilot, screen):
    await pilot.press("r")
    await wait_for(pilot, lambda: screen.run_in_progress is not None or screen.last_result is not None)
    await wait_for(pilot, lambda: screen.run_in_progress is None)
    await pilot.pause()
    return screen.last_result


async def test_home_lists_course_with_status(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        options = [str(o.prompt) for o in app.screen.query_one("#course")._options]
        assert any("Demo lesson" in o and "new" in o for o in options)
        assert any("Testing" in o for o in options)


async def test_open_edit_run_chart_and_goal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        assert "Page one" in screen.lesson.pages[0]
        form = screen.query_one(ParamForm)
        # invalid value: marked inline with the reason, and run refuses to start
        await set_field(pilot, screen, "epochs", "0")
        assert "epochs" in form.errors()
        row = screen.query_one("#row-epochs")
        assert row.has_class("-invalid")
        assert "from 1 to 100,000" in str(row.query_one(".param-error").render())
        await pilot.press("escape")  # leave the field
        await pilot.press("r")
        await pilot.pause()
        assert screen.run_in_progress is None and screen.last_result is None
        # a valid value clears the error, and the run uses it
        await set_field(pilot, screen, "epochs", "200")
        assert not form.errors()
        await pilot.press("escape")
        chart = screen.query_one("#chart-loss", ChartView)
        before = chart.summary_text
        result = await run_to_end(pilot, screen)
        assert result.status == "finished"
        assert result.params["epochs"] == 200
        assert chart.summary_text != before and "train_loss" in chart.summary_text
        assert result.goal_met
        goal = screen.query_one(GoalPanel)
        assert goal.met and "Met" in str(goal.render())
        # figures reached their panels
        table_view = screen.query_one("#chart-table", ChartView)
        assert table_view.summary_text == "fitted"
        assert isinstance(table_view.query_one(FigureView).figure.rows[0][0], float)
    saved = json.loads((tmp_path / "progress.json").read_text())
    entry = saved["lessons"]["demo"]
    runs = json.loads((tmp_path / "progress.json.runs" / "demo.json").read_text())["runs"]
    assert runs[-1]["status"] == "finished"
    assert entry["goal"]["met"] and entry["params"]["epochs"] == 200


async def test_stop_ends_run_promptly(tmp_path):
    # Promptness is a count, not a clock (the machines are noisy; benchmarks time it): the run
    # must end within a step of the press.
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        run = await start_long_run(pilot, screen)
        status = screen.query_one("#run-status")
        await wait_for(pilot, lambda: " left" in str(status.render()))  # the runner's ETA
        eta = str(status.render()).split(" left")[0].rsplit(" · ", 1)[1]
        assert eta[-1] == "s" and eta[0].isdigit()  # e.g. 16m40s: 100,000 × 0.01 s
        await pilot.press("s")
        at_stop = run.progress()[0]
        await wait_for(pilot, lambda: screen.run_in_progress is None, timeout=10)
        assert screen.last_result.status == "cancelled"
        assert len(screen.last_result.curves["train_loss"]) <= at_stop + 2
        assert "Stopped" in str(screen.query_one("#run-status").render())


async def test_live_param_changes_running_run(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        run = await start_long_run(pilot, screen)
        await set_field(pilot, screen, "lr", "0.5")
        assert run.params.lr == 0.5
        await set_field(pilot, screen, "epochs", "7")  # not live: next run only
        assert run.params.epochs == 100000
        await pilot.press("escape", "s")
        await wait_for(pilot, lambda: screen.run_in_progress is None)


async def test_diverged_and_failed_runs_are_explained(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        screen.query_one("#param-diverge", Select).value = True
        await pilot.pause()
        result = await run_to_end(pilot, screen)
        assert result.status == "diverged"
        assert "learning rate" in str(screen.query_one("#run-status").render())
        screen.query_one("#param-diverge", Select).value = False
        screen.query_one("#param-fail", Select).value = True
        await pilot.pause()
        result = await run_to_end(pilot, screen)
        assert result.status == "failed"
        await wait_for(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert "boom" in app.screen.details
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # the app keeps working: the next run is fine
        screen.query_one("#param-fail", Select).value = False
        await pilot.pause()
        assert (await run_to_end(pilot, screen)).status == "finished"


async def test_quit_during_run_exits_promptly(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        run = await start_long_run(pilot, screen)
        await pilot.press("q")
        at_quit = run.progress()[0]
    deadline = time.monotonic() + 10  # a generous bound, not a timing assertion
    while run.result is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.result is not None and run.result.status == "cancelled"
    assert run.progress()[0] <= at_quit + 2  # the training thread stopped at once
    (saved,) = Progress(tmp_path / "progress.json").runs("demo")  # recorded, like Stop
    assert saved["status"] == "cancelled" and saved["n"] == 1


async def test_pages_hints_code_quiz_and_resume(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        await pilot.press("n")
        assert screen.page == 1
        assert "Page two" in screen.query_one("#page", Markdown).source
        quiz = screen.query_one(QuizPanel)
        quiz.query_one(".quiz-number", Input).value = "4"
        await pilot.click(".quiz-check")
        await pilot.pause()
        assert "Correct" in str(quiz.query_one(".quiz-feedback").render())
        await pilot.press("h")
        assert screen.query_one(GoalPanel).hints_shown == 1
        assert "more epochs" in str(screen.query_one(GoalPanel).render())
        await pilot.press("c")
        assert screen.query_one("#left-switcher").current == "code-view"
        assert "def train(p, run)" in screen.query_one("#code").content.code
        await pilot.press("escape")  # closes the code first
        assert screen.query_one("#left-switcher").current == "reader"
        await set_field(pilot, screen, "epochs", "33")
        await pilot.press("escape", "escape")  # leave the field, then the lesson
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "page 2" in str(app.screen.query_one("#continue-line").render())
    # a new session resumes at the same page, with params, hints and the quiz answer kept
    app2 = make_app(tmp_path)
    async with app2.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app2.screen, HomeScreen))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app2.screen, LessonScreen))
        await pilot.pause()
        screen = app2.screen
        assert screen.page == 1
        assert screen.query_one("#param-epochs", Input).value == "33"
        assert screen.query_one(GoalPanel).hints_shown == 1
        assert "✓" in str(screen.query_one(QuizPanel).query_one(".quiz-feedback").render())


async def test_corrupt_progress_file_is_kept_aside_and_app_starts(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text("{ not json")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        messages = [n.message for n in app._notifications]
        assert any("corrupt" in m.lower() or "kept" in m.lower() for m in messages), messages
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("progress.json.corrupt")]
    assert aside and aside[0].read_text() == "{ not json"


async def test_damaged_fields_are_dropped_and_the_app_opens_the_lesson(tmp_path):
    """Right outer shape, wrong inner types (each once crashed the app): the app starts, says
    which fields it dropped, and the lesson, its goal panel and its runs all open."""
    from tests.test_progress_damage import damaged_state
    from tutor.screens.runs import RunsScreen

    state = damaged_state()
    state["lessons"]["demo"] = state["lessons"].pop("xor")
    state["last_lesson"] = "demo\ud800"
    (tmp_path / "progress.json").write_text(json.dumps(state))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_demo(pilot, app)
        assert screen.query_one(GoalPanel).hints_shown == 2  # saved 7; the lesson has 2
        messages = " ".join(n.message for n in app._notifications)
        assert "lessons.demo.goal.at" in messages and "settings.theme" in messages
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, RunsScreen))
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_too_small_terminal_gets_a_message(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "at least 80×24" in str(app.screen.query_one("#too-small").render())
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_start_at_lesson_and_links_do_not_open(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: opened.append(a))
    app = make_app(tmp_path, start="demo-two")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.lesson.id == "demo-two"
        app.screen.query_one("#page", Markdown).post_message(
            Markdown.LinkClicked(app.screen.query_one("#page", Markdown), "https://example.com")
        )
        await pilot.pause()
    assert not opened


async def test_settings_shows_unavailable_devices(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("o")
        await wait_for(pilot, lambda: "not available" in str(app.screen.query_one("#device-cuda").label))
        assert app.screen.query_one("#device-cuda").disabled
        await pilot.click("#device-cpu")
        await pilot.pause()
        assert app.progress.settings()["device"] == "cpu"
        app.screen.query_one("#theme", Select).value = "textual-light"
        await pilot.pause()
        assert app.theme == "textual-light"
        assert app.progress.settings()["theme"] == "textual-light"


async def test_threads_setting_is_saved_and_used_by_the_next_run(tmp_path, monkeypatch):
    from tutor import cpus, runner

    monkeypatch.setattr(cpus, "available", lambda root=None: 3)
    monkeypatch.setattr(runner, "_threads_setting", "auto")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert runner.default_threads() == 2  # auto: all CPUs but one
        await pilot.press("o")
        threads = app.screen.query_one("#threads", Select)
        assert [v for _, v in threads._options] == ["auto", 1, 2, 3]
        threads.value = 3
        await pilot.pause()
        assert app.progress.settings()["threads"] == 3 and runner.default_threads() == 3
    assert Progress(tmp_path / "progress.json").settings()["threads"] == 3


async def test_unavailable_device_setting_refuses_run_with_message(tmp_path):
    app = make_app(tmp_path)
    app.progress.set_setting("device", "cuda")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_demo(pilot, app)
        await pilot.press("r")
        await pilot.pause()
        assert screen.run_in_progress is None
        assert any("cuda" in n.message and "not available" in n.message for n in app._notifications)


async def test_command_palette_jumps_to_lesson(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Second demo")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.lesson.id == "demo-two"


async def test_step_through_table_reveals_a_row_per_key(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        await run_to_end(pilot, screen)
        view = screen.query_one("#chart-steps", ChartView).query_one(FigureView)
        assert view.shown == 1
        await pilot.press("]", "]", "]")  # Loss -> Weights -> Map -> Steps
        await pilot.pause()
        assert screen.query_one("#charts").active == "steps"
        await pilot.press("full_stop")
        await pilot.pause()
        assert view.shown == 2
        await pilot.press("full_stop", "full_stop")  # past the end: stays at 3
        assert view.shown == 3


async def test_drawing_grid_with_keys_feeds_the_run(tmp_path):
    from tutor.widgets.drawing import DrawingGrid

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo(pilot, app)
        grid = screen.query_one("#param-sketch", DrawingGrid)
        grid.focus()
        await pilot.pause()
        start = grid.cursor
        await pilot.press("space")  # ink under the cursor
        await pilot.press("d", "right", "right", "d")  # draw mode: two more cells, then off
        await pilot.press("down", "space", "space")  # toggle twice: blank again
        await pilot.pause()
        row = grid.value[start[1]]
        assert row[start[0] : start[0] + 3] == "###"
        assert sum(r.count("#") for r in grid.value) == 3
        await pilot.press("escape")  # leave the grid
        result = await run_to_end(pilot, screen)
        assert result.metrics["ink"] == 3
        assert result.params["sketch"] == list(grid.value)
        await pilot.click(grid, offset=(1 + 2 * 0, 0))  # mouse paints the top-left cell
        await pilot.pause()
        assert grid.value[0][0] == "#"


async def test_session_long_objects_leave_the_garbage_collector_once_a_lesson_opens(tmp_path):
    import gc

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_demo(pilot, app)
        await wait_for(pilot, lambda: not [w for w in app.workers if w.group == "warm-up"])
        assert gc.get_freeze_count() > 10_000  # Textual's and torch's objects, frozen
