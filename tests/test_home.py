"""The course screen through Pilot: titles that wrap under themselves, a detail panel to
choose from, and a cursor on the lesson in progress and on the lesson just left."""

import pytest

from tests.test_app import make_app, wait_for
from tests.test_boundaries import run_python
from tests.test_quiz_panel import screen_lines
from tutor.app import TutorApp
from tutor.course import Catalogue, LessonRef, Part
from tutor.progress import Progress
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen

SIZES = [(80, 24), (100, 30)]
LONG = "A lesson whose title is far too long to fit on one line of the course list, so that it has to wrap"


def highlighted(app) -> str:
    return app.screen.query_one("#course").highlighted_option.id


def info(app) -> str:
    return str(app.screen.query_one("#info").render())


async def at_home(pilot, app) -> HomeScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.pause()
    return app.screen


async def open_and_leave(pilot, app, lesson_id=None, key=None):
    """Open a lesson (by id, or by a key on the course screen) and go back with Esc."""
    if key:
        await pilot.press(key)
    else:
        app.open_lesson(lesson_id)
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted)
    await pilot.pause()
    await pilot.press("escape")
    await at_home(pilot, app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_wrapped_title_continues_under_the_title_not_the_status(tmp_path, size):
    refs = [
        LessonRef("demo", LONG, "tests.fake_lessons.demo"),
        LessonRef("demo-two", "Second demo", "tests.fake_lessons.demo"),
    ]
    app = TutorApp(progress=Progress(tmp_path / "progress.json"), course=Catalogue([Part("Testing", refs)]))
    async with app.run_test(size=size) as pilot:
        screen = await at_home(pilot, app)
        box = screen.query_one("#course").region
        rows = [row[box.x : box.right] for row in screen_lines(app)[box.y : box.bottom]]
        first = next(i for i, row in enumerate(rows) if "A lesson whose" in row)
        column = rows[first].index("A lesson whose")
        assert "new" in rows[first][:column]  # the status, then the title
        wrapped = [row for row in rows[first + 1 : first + 4] if row[column : column + 2].strip()]
        assert wrapped, "the title should wrap at this width"
        shown = rows[first][column:]
        for row in rows[first + 1 :]:
            if not row[column:].strip() or "Second demo" in row:
                break
            assert not row[1:column].strip(), f"continuation not indented: {row!r}"
            shown += " " + row[column:]
        assert " ".join(LONG.split()) in " ".join(shown.replace("│", " ").replace("▆", " ").split())


@pytest.mark.parametrize("size", SIZES)
async def test_the_cursor_starts_on_the_lesson_in_progress(tmp_path, size):
    Progress(tmp_path / "progress.json").open_lesson("demo-two", page=1)
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await at_home(pilot, app)
        assert highlighted(app) == "demo-two"
        assert info(app).startswith("Second demo")


async def test_the_cursor_follows_the_lesson_just_left(tmp_path):
    Progress(tmp_path / "progress.json").open_lesson("demo", page=0)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_home(pilot, app)
        assert highlighted(app) == "demo"
        await open_and_leave(pilot, app, "demo-two")  # e.g. from the command palette
        assert highlighted(app) == "demo-two" and info(app).startswith("Second demo")
        await pilot.press("up")  # the cursor on demo; the lesson in progress is
        assert highlighted(app) == "demo"  # demo-two, which c opens
        await open_and_leave(pilot, app, key="c")
        assert highlighted(app) == "demo-two" and info(app).startswith("Second demo")
        await pilot.press("up")
        await open_and_leave(pilot, app, key="enter")
        assert highlighted(app) == "demo" and info(app).startswith("Demo lesson")


@pytest.mark.parametrize("size", SIZES)
async def test_the_detail_panel_says_enough_to_choose_and_shows_all_of_it(tmp_path, size):
    p = Progress(tmp_path / "progress.json")
    p.open_lesson("demo", page=1)
    p.record_quiz("demo", "sum", 4, True)
    p.record_quiz("demo", "slope", 0, False)
    p.record_quiz("demo", "gone", None, False, revealed=True)  # e.g. a quiz since removed
    p.record_run(
        {
            "lesson": "demo",
            "status": "finished",
            "seconds": 1.25,
            "metrics": {"train_loss": 0.25, "ink": 3},
            "goal_met": False,
            "goal_reason": "train_loss is 0.25; the goal needs <= 0.01",
        }
    )
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        screen = await at_home(pilot, app)
        text = " ".join(info(app).split())
        for part in [
            "Demo lesson",
            "Fit a line to made-up points by gradient descent.",
            "Goal: loss below 0.01",
            "Status: started · page 2 of 3",
            "Quizzes: 1 right, 1 to retry, 1 answer shown",
            "Last run: #1 finished in 1.2s, goal not met: train_loss 0.25, ink 3",
            "From: Made up for the tests",
            "Id: demo",
        ]:
            assert part in text, part
        # nothing cut off: scrolled through, the panel shows every line of the description
        panel = screen.query_one("#lesson-info")
        seen = []
        for y in range(0, int(panel.max_scroll_y) + 1):
            panel.scroll_to(y=y, animate=False)
            await pilot.pause()
            box = panel.content_region
            seen += [row[box.x : box.right].strip() for row in screen_lines(app)[box.y : box.bottom]]
        assert set(text.split()) <= set(" ".join(seen).split())
        assert "Id: demo (tutor run demo)" in " ".join(" ".join(seen).split())


async def test_a_new_lesson_without_catalogue_details_is_described_plainly(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_home(pilot, app)
        await pilot.press("down")
        text = " ".join(info(app).split())
        assert text.startswith("Second demo") and "Status: not started · 3 pages" in text
        assert "Goal:" not in text and "Last run" not in text and "Quizzes" not in text


def test_page_count_comes_from_the_markdown_without_importing_the_lesson():
    out = run_python("""
        import sys
        from tutor.course import LessonRef
        print(LessonRef("demo", "Demo", "tests.fake_lessons.demo").page_count(),
              LessonRef("gone", "Gone", "no_such_package.lesson").page_count(),
              "tests.fake_lessons.demo" in sys.modules, "torch" in sys.modules)
    """)
    assert out == "3 None False False"


async def test_with_no_lessons_installed_home_says_how_to_install_them(tmp_path):
    from tutor.catalogue import NO_LESSONS

    app = TutorApp(progress=Progress(tmp_path / "progress.json"), course=Catalogue([], [NO_LESSONS]))
    async with app.run_test(size=(100, 30)) as pilot:
        await at_home(pilot, app)
        assert "pip install -e ." in " ".join(info(app).split())
        assert str(app.screen.query_one("#continue-line").render()).endswith("No lessons installed.")
        await pilot.press("c")  # nothing to continue: no crash, still home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
