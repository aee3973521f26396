"""Screen snapshots: what the learner sees at 80x24, 100x30 and 160x48, stored as text in
tests/snapshots/ and compared line by line.

Text, not SVG: a layout change shows up as a readable diff of the screen, and the files stay
small. Colour is not compared; nothing on these screens carries meaning by colour alone.
Durations, dates and temporary paths are masked. After an intended change of the screen,
`TUTOR_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py` rewrites the files: read
their diff before committing them."""

import difflib
import os
import re
from pathlib import Path

import pytest

from tests.fake_lessons import course
from tests.screen import screen_text, wait_for
from tutor.app import TutorApp
from tutor.progress import Progress
from tutor.screens.help import HelpScreen
from tutor.screens.home import HomeScreen
from tutor.screens.lesson import LessonScreen
from tutor.screens.settings import SettingsScreen
from tutor.widgets.chart_deck import ChartDeck

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("TUTOR_UPDATE_SNAPSHOTS") == "1"
SIZES = [(80, 24), (100, 30), (160, 48)]


def masked(text: str, tmp: Path) -> str:
    text = text.replace(str(tmp), "<tmp>")
    text = re.sub(r"\b\d+\.\ds\b", "#.#s", text)  # a duration, as formatting.seconds writes it
    text = re.sub(r"\d{4}-\d\d-\d\d", "YYYY-MM-DD", text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


class Snapshots:
    def __init__(self, app, size, tmp):
        self.app, self.size, self.tmp = app, size, tmp
        self.failures: list[str] = []

    def check(self, name: str) -> None:
        shot = masked(screen_text(self.app), self.tmp)
        path = SNAPSHOTS / f"{name}-{self.size[0]}x{self.size[1]}.txt"
        if UPDATE:
            SNAPSHOTS.mkdir(exist_ok=True)
            path.write_text(shot)
            return
        if not path.exists():
            self.failures.append(f"{path.name}: no stored snapshot (TUTOR_UPDATE_SNAPSHOTS=1 writes it)")
            return
        stored = path.read_text()
        if stored != shot:
            diff = "".join(
                difflib.unified_diff(
                    stored.splitlines(True), shot.splitlines(True), f"stored {path.name}", "now", n=1
                )
            )
            self.failures.append(diff)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_screens_match_their_snapshots(tmp_path, size):
    app = TutorApp(progress=Progress(tmp_path / "progress.json"), course=course())
    snaps = Snapshots(app, size, tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        snaps.check("home")

        app.open_lesson("gallery")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.query(".quiz"))
        screen = app.screen
        await pilot.pause()
        await pilot.press("end")  # the page's end: its quiz
        await pilot.pause()
        snaps.check("lesson-quiz")

        await pilot.press("r")
        await wait_for(pilot, lambda: screen.last_result is not None)
        await pilot.pause()
        deck = screen.query_one(ChartDeck)
        for chart in screen.lesson.charts:
            deck.show(chart.id)
            await pilot.pause()
            snaps.check(f"chart-{chart.id}")

        await pilot.press("c")
        await pilot.pause()
        snaps.check("code")
        await pilot.press("c", "h", "h", "g")
        await pilot.pause()
        snaps.check("goal-hints")
        await pilot.press("escape")

        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await pilot.pause(0.3)
        snaps.check("settings")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause(0.3)
        snaps.check("help")
    assert not snaps.failures, "\n".join(snaps.failures[:6])
