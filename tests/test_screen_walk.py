"""Every page of every lesson, as a learner on a small terminal sees it: each quiz's question,
every option and its Check button can be scrolled into view with PageDown; after a quick run
every chart draws, also after a hint and after a resize, and no number is cut short."""

import os

import pytest

from tests.screen import drawing_problems, drawn, screen_text, send_key, shows, wait_for
from tutor.app import TutorApp
from tutor.course import catalogue
from tutor.progress import Progress
from tutor.screens.lesson import LessonScreen
from tutor.widgets.chart_deck import ChartDeck
from tutor.widgets.quiz_panel import QuizPanel

pytestmark = pytest.mark.slow

SIZES = [(80, 24), (100, 30)]
ONLY = [i for i in os.environ.get("TUTOR_WALK_LESSONS", "").split(",") if i]  # to look at a few


def lessons(course):
    return [ref for ref in course if not ONLY or ref.id in ONLY]


async def open_lesson(pilot, app, lesson_id):
    app.open_lesson(lesson_id)
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, LessonScreen)
            and app.screen.lesson.id == lesson_id
            and app.screen.is_mounted
        ),
    )
    return app.screen


async def turn_to(pilot, screen, page):
    screen.show_page(page)
    wanted = {q.id for q in screen.lesson.quizzes if q.page == page}
    await wait_for(pilot, lambda: {p.quiz.id for p in screen.query(QuizPanel)} == wanted)
    await laid_out(pilot, screen)


async def laid_out(pilot, screen):
    """Each quiz has its height, and the page scrolls to the end of the last one."""
    reader = screen.query_one("#reader")
    quizzes = screen.query_one("#quizzes")
    await wait_for(
        pilot,
        lambda: (
            all(p.size.height > 0 for p in screen.query(QuizPanel))
            and reader.virtual_size.height >= quizzes.virtual_region.bottom > 0
        ),
    )


async def test_every_quiz_scrolls_into_view_with_its_check_button(tmp_path):
    course = catalogue()
    app = TutorApp(progress=Progress(tmp_path / "progress.json"), course=course)
    # Scrolls jump to where they come to rest (Textual's TEXTUAL_ANIMATIONS=none): the walk
    # reads the screen there, and an animated PageDown or Home waits up to a second for it.
    app.animation_level = "none"
    missing = []
    async with app.run_test(size=SIZES[0]) as pilot:
        for ref in lessons(course):
            lesson = ref.load()
            if not lesson.quizzes:
                continue
            screen = await open_lesson(pilot, app, ref.id)
            for page in sorted({q.page for q in lesson.quizzes}):
                quizzes = [q for q in lesson.quizzes if q.page == page]
                await turn_to(pilot, screen, page)  # at the size the last page ended at
                here = tuple(app.size)
                for size in (here, *(s for s in SIZES if s != here)):  # then resized to the other
                    if size != here:
                        await pilot.resize_terminal(*size)
                        await pilot.press("home")
                        await laid_out(pilot, screen)
                    missing += await page_down_to(
                        pilot, app, screen, quizzes, f"{ref.id} {size} page {page + 1}"
                    )
            app.action_home()
            await pilot.pause()
    assert not missing, "\n".join(missing)


async def page_down_to(pilot, app, screen, quizzes, where):
    """Page down from the top of the page as a learner would, to its end if need be, until
    each quiz's question with the Check button and each of its options have been on screen;
    what never was is returned."""
    seen_question = {q.id: False for q in quizzes}
    seen_options = {q.id: set() for q in quizzes}
    reader = screen.query_one("#reader")
    while True:
        text = screen_text(app)
        for quiz in quizzes:
            seen_question[quiz.id] |= shows(text, quiz.question) and "Check" in text
            seen_options[quiz.id] |= {i for i, o in enumerate(quiz.options) if shows(text, o)}
        done = all(seen_question[q.id] and len(seen_options[q.id]) == len(q.options) for q in quizzes)
        if done or reader.scroll_y >= reader.max_scroll_y:
            break
        await pilot.press("pagedown")
        drawn(app)
    missing = []
    for quiz in quizzes:
        if not seen_question[quiz.id]:
            missing.append(f"{where}: {quiz.question[:50]!r} with Check")
        missing += [
            f"{where}: option {quiz.options[i][:50]!r}"
            for i in set(range(len(quiz.options))) - seen_options[quiz.id]
        ]
    return missing


async def test_every_chart_draws_after_a_quick_run_a_hint_and_a_resize(tmp_path):
    course = catalogue()
    progress = Progress(tmp_path / "progress.json")
    app = TutorApp(progress=progress, course=course)
    problems = []

    async def look(where):
        text = screen_text(app)
        problems.extend(f"{where}: {p}" for p in drawing_problems(text))

    async with app.run_test(size=SIZES[0]) as pilot:
        for ref in lessons(course):
            lesson = ref.load()
            progress.set_params(ref.id, lesson.params_to_json(lesson.resolve(lesson.quick)))
            screen = await open_lesson(pilot, app, ref.id)
            send_key(app, "r")  # Pilot.press("r") would wait for the busy run to look idle
            await wait_for(pilot, lambda screen=screen: screen.last_result is not None, timeout=120)
            assert screen.last_result.status == "finished", (ref.id, screen.last_result.message)
            deck = screen.query_one(ChartDeck)
            here = tuple(app.size)
            for size in (here, *(s for s in SIZES if s != here)):  # as the run left it, then resized
                if size != here:
                    await pilot.resize_terminal(*size)
                await pilot.pause()
                for chart in lesson.charts:
                    await pilot.press("]")
                    drawn(app)
                    await look(f"{ref.id} {size} chart {deck.active}")
                await pilot.press("h")
                drawn(app)
                await look(f"{ref.id} {size} after h, chart {deck.active}")
            app.action_home()
            await pilot.pause()
    assert not problems, "\n".join(problems)
