"""The lesson screen's layout and keys: one pane at a time when narrow, both when wide; keys
that a number field cannot take reach the lesson; the last run comes back after a restart."""

from tests.fake_lessons import course
from tests.screen import screen_text, shows, wait_for
from tests.test_app import run_to_end, start_long_run
from tutor.app import TutorApp
from tutor.progress import Progress
from tutor.screens.lesson import LessonScreen
from tutor.widgets.chart_deck import ChartDeck
from tutor.widgets.chart_view import ChartView, FigureView
from tutor.widgets.goal_panel import GoalPanel


def make_app(tmp_path, start="demo"):
    return TutorApp(progress=Progress(tmp_path / "progress.json"), course=course(), start=start)


async def opened(pilot, app):
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.query(".param-row"))
    await pilot.pause()
    return app.screen


def shown(screen, selector):
    widget = screen.query_one(selector)
    return widget.display and widget.region.area > 0


async def test_narrow_terminal_shows_one_pane_and_keys_bring_the_one_they_need(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, app)
        assert shown(screen, "#read-pane") and not shown(screen, "#lab-pane")
        assert "v Lab" in screen_text(app)  # the footer says where v goes
        await pilot.press("v")
        await pilot.pause()
        assert shown(screen, "#lab-pane") and not shown(screen, "#read-pane")
        assert "v Read" in screen_text(app)
        await pilot.press("n")  # the next page: the reading again
        await pilot.pause()
        assert shown(screen, "#read-pane") and screen.page == 1
        await pilot.press("r")  # a run: the lab, to watch it
        await wait_for(pilot, lambda: screen.last_result is not None)
        assert shown(screen, "#lab-pane") and not shown(screen, "#read-pane")
        await pilot.resize_terminal(160, 48)  # room for both
        await pilot.pause()
        assert shown(screen, "#lab-pane") and shown(screen, "#read-pane")
        assert "v Lab" not in screen_text(app) and "v Read" not in screen_text(app)


async def test_keys_a_number_cannot_hold_reach_the_lesson_from_a_number_field(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot, app)
        deck = screen.query_one(ChartDeck)
        epochs = screen.query_one("#param-epochs")
        epochs.focus()
        await pilot.press("end", "1", "0", "[")
        await pilot.pause()
        assert epochs.value == "2010" and deck.active == "steps"  # [ went to the charts
        lr = screen.query_one("#param-lr")
        lr.focus()
        await pilot.press("end", "e", "-", "3", "]")
        await pilot.pause()
        assert lr.value == "0.1e-3" and deck.active == "loss"


async def test_last_run_and_its_figures_are_drawn_again_after_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot, app)
        assert (await run_to_end(pilot, screen)).status == "finished"
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot, app)
        view = screen.query_one("#chart-table", ChartView)
        figure = view.query_one(FigureView).figure
        assert figure is not None and figure.columns == ["w", "b"]
        assert view.summary_text.startswith("last run (#1)")
        await pilot.press("v", "]")
        await pilot.pause()
        assert "last run (#1)" in screen_text(app) and "Last run (#1)" in screen_text(app)


async def test_charts_a_stopped_run_never_reached_say_so(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot, app)
        await start_long_run(pilot, screen)
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.run_in_progress is None)
        summary = screen.query_one("#chart-table", ChartView).summary_text
        assert "ended before it drew this chart" in summary and "Running" not in summary


async def test_hints_stay_readable_in_a_small_terminal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, app)
        goal = screen.query_one(GoalPanel)
        await pilot.press("h", "h")
        await pilot.pause(0.2)
        text = screen_text(app)
        assert shows(text, goal.goal.hints[1])  # the newest hint, scrolled into view
        await pilot.press("g")  # the goal on the whole screen
        await pilot.pause()
        text = screen_text(app)
        assert shows(text, goal.goal.text) and all(shows(text, h) for h in goal.goal.hints[:2])
        await pilot.press("escape")
        await pilot.pause()
        assert screen.maximized is None and isinstance(app.screen, LessonScreen)
