"""The demo lesson again, under a module of its own so that it can have code exercises
(tests/fake_lessons/coding_exercises) while the demo keeps none."""

from tests.fake_lessons.demo import LESSON  # noqa: F401
