"""The quiz panel through Pilot: full option text on screen, why a wrong answer is wrong, a
retry, Show answer, and the chosen mark after a restart."""

import pytest
from textual import on
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Button, Input

from tests.fake_lessons import course
from tests.test_app import make_app, open_demo, wait_for
from tutor.progress import Progress
from tutor.screens.lesson import LessonScreen
from tutor.widgets.quiz_panel import QuizOption, QuizPanel

SIZES = [(80, 24), (100, 30)]
QUIZ = course().get("demo").load().quizzes[1]  # "slope": three options, answer 1
WHY_FIRST = QUIZ.why[0]


def screen_lines(app) -> list[str]:
    """The text the screen shows, row by row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def shown_text(app, widget) -> str:
    """The text on screen inside `widget`'s region, lines joined, spaces collapsed."""
    r = widget.region
    rows = screen_lines(app)[r.y : r.bottom]
    return " ".join(" ".join(row[r.x : r.right] for row in rows).split())


def words(text: str) -> str:
    return " ".join(text.split())


class QuizHost(App):
    """The panel alone, recorded as a lesson screen records it."""

    def __init__(self, progress: Progress, width: int | None = None) -> None:
        super().__init__()
        self.progress, self.width = progress, width

    def compose(self):
        previous = self.progress.lesson("demo")["quiz"].get(QUIZ.id)
        with VerticalScroll() as box:
            if self.width:
                box.styles.width = self.width
            yield QuizPanel(QUIZ, previous, classes="quiz")

    @on(QuizPanel.Answered)
    def _answered(self, event: QuizPanel.Answered) -> None:
        self.progress.record_quiz(
            "demo", event.quiz.id, event.response, event.correct, revealed=event.revealed
        )


async def open_slope_quiz(pilot, app) -> QuizPanel:
    screen = await open_demo(pilot, app)
    await pilot.press("n", "n")
    await wait_for(pilot, lambda: screen.page == 2 and bool(screen.query(QuizPanel)))
    await pilot.pause()
    return screen.query_one(QuizPanel)


async def choose(pilot, panel, key):
    """Focus the quiz, press an option's number, then Enter (choose and check)."""
    panel.query(QuizOption)[0].focus()
    await pilot.press(key, "enter")
    await pilot.pause()


def feedback(panel) -> str:
    return str(panel.query_one(".quiz-feedback").render())


def marks(panel) -> list[str]:
    return [str(o.query_one(".quiz-mark").render()) for o in panel.query(QuizOption)]


@pytest.mark.parametrize("size", SIZES)
async def test_wrong_answer_says_why_and_a_retry_passes(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        panel = await open_slope_quiz(pilot, app)
        await choose(pilot, panel, "1")
        said = feedback(panel)
        assert said.startswith("✗") and WHY_FIRST in said and "Try again" in said
        assert QUIZ.explain not in said and QUIZ.options[1] not in said
        assert marks(panel) == ["1. ✗", "2. ○", "3. ○"]
        assert panel.query_one(".quiz-reveal", Button).display
        await choose(pilot, panel, "2")
        said = feedback(panel)
        assert said.startswith("✓") and QUIZ.explain in said
        assert marks(panel) == ["1. ○", "2. ✓", "3. ○"]
        assert not panel.query_one(".quiz-reveal", Button).display
    answer = Progress(tmp_path / "progress.json").lesson("demo")["quiz"]["slope"]
    assert answer["response"] == 1 and answer["correct"] and answer["attempts"] == 2


async def test_choosing_marks_with_a_symbol_before_checking(tmp_path):
    app = QuizHost(Progress(tmp_path / "progress.json"), width=60)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(QuizPanel)
        await pilot.click(".quiz-check")  # nothing chosen yet: nothing recorded
        await pilot.pause()
        assert "Pick an option first" in feedback(panel)
        option = panel.query(QuizOption)[2]
        option.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(option)
        await pilot.pause()
        assert marks(panel) == ["1. ○", "2. ○", "3. ◉"] and option.has_class("-chosen")
    assert "slope" not in Progress(tmp_path / "progress.json").lesson("demo")["quiz"]


async def test_chosen_mark_and_why_survive_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_slope_quiz(pilot, app)
        await choose(pilot, panel, "1")
    app2 = make_app(tmp_path, start="demo")
    async with app2.run_test(size=(80, 24)) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app2.screen, LessonScreen) and bool(app2.screen.query(QuizPanel))
        )
        await pilot.pause()
        panel = app2.screen.query_one(QuizPanel)
        assert panel.quiz.id == "slope"  # the page was kept
        assert marks(panel) == ["1. ✗", "2. ○", "3. ○"]
        assert WHY_FIRST in feedback(panel) and QUIZ.explain not in feedback(panel)
        await choose(pilot, panel, "2")
    app3 = make_app(tmp_path, start="demo")
    async with app3.run_test(size=(80, 24)) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app3.screen, LessonScreen) and bool(app3.screen.query(QuizPanel))
        )
        await pilot.pause()
        panel = app3.screen.query_one(QuizPanel)
        assert marks(panel) == ["1. ○", "2. ✓", "3. ○"] and QUIZ.explain in feedback(panel)


async def test_wrong_number_says_how_it_misses_then_retry(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_demo(pilot, app)
        await pilot.press("n")
        await wait_for(pilot, lambda: bool(screen.query(QuizPanel)))
        panel = screen.query_one(QuizPanel)
        field = panel.query_one(".quiz-number", Input)
        field.focus()
        await pilot.press("5", "enter")
        said = feedback(panel)
        assert said.startswith("✗") and "too high" in said and "Count on from 2." in said
        assert "It is 4" not in said
        await pilot.press("backspace", "8", "enter")
        assert "twice what it should be" in feedback(panel)
        await pilot.press("backspace", "4", "enter")
        assert feedback(panel) == "✓ Correct. It is 4."
    answer = Progress(tmp_path / "progress.json").lesson("demo")["quiz"]["sum"]
    assert answer["response"] == 4 and answer["correct"] and answer["attempts"] == 3


# ------------------------------------------------------------------ Show answer


@pytest.mark.parametrize("size", SIZES)
async def test_show_answer_reveals_and_is_recorded_as_revealed(tmp_path, size):
    path = tmp_path / "progress.json"
    app = QuizHost(Progress(path))
    async with app.run_test(size=size) as pilot:
        panel = app.query_one(QuizPanel)
        await choose(pilot, panel, "3")  # a wrong try first
        assert QUIZ.why[2] in feedback(panel)
        await pilot.click(".quiz-reveal")
        await pilot.pause()
        said = feedback(panel)
        assert QUIZ.options[1] in said and QUIZ.explain in said
        assert marks(panel) == ["1. ○", "2. ✓", "3. ✗"]
        assert not panel.query_one(".quiz-reveal", Button).display
    answer = Progress(path).lesson("demo")["quiz"]["slope"]
    assert answer["revealed"] and not answer["correct"] and answer["attempts"] == 1
    app2 = QuizHost(Progress(path))
    async with app2.run_test(size=size) as pilot:
        panel = app2.query_one(QuizPanel)
        await pilot.pause()
        assert QUIZ.explain in feedback(panel) and marks(panel) == ["1. ○", "2. ✓", "3. ✗"]


async def test_show_answer_in_a_lesson_shows_answer_and_explanation(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        panel = await open_slope_quiz(pilot, app)
        button = panel.query_one(".quiz-reveal", Button)
        assert str(button.label) == "Show answer"
        assert str(panel.query_one(".quiz-check", Button).label) == "Check"
        button.press()
        await pilot.pause()
        assert feedback(panel).startswith("◆ The answer: 2.") and QUIZ.explain in feedback(panel)


# ------------------------------------------------------------------ on screen


@pytest.mark.parametrize("size, width", [((80, 24), 76), ((80, 24), 40), ((100, 30), 70)])
async def test_long_options_are_on_screen_in_full_with_question_and_check(tmp_path, size, width):
    app = QuizHost(Progress(tmp_path / "progress.json"), width=width)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel = app.query_one(QuizPanel)
        for option, text in zip(panel.query(QuizOption), QUIZ.options):
            option.scroll_visible(animate=False)
            await pilot.pause()
            assert words(text) in shown_text(app, option.query_one(".quiz-option-text"))
        option = panel.query(QuizOption)[1]
        assert option.query_one(".quiz-option-text").region.height >= 2  # it wraps
        assert shown_text(app, option).startswith("2. ○ Near 3")  # under its own column
        panel.scroll_visible(animate=False, top=True)
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert "Quiz: Where does the fitted" in screen and "Check" in screen


async def test_show_answer_in_a_lesson_is_recorded_as_revealed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        panel = await open_slope_quiz(pilot, app)
        panel.query_one(".quiz-reveal", Button).press()
        await pilot.pause()
    answer = Progress(tmp_path / "progress.json").lesson("demo")["quiz"]["slope"]
    assert answer["revealed"] and answer["attempts"] == 0 and not answer["correct"]
