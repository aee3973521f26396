import os
from contextlib import contextmanager

import pytest

# Tests never touch a learner's real progress, and torch stays on one core per test process
# (two cores on CI: the other is left for the app under test).
os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(autouse=True)
def tutor_home(tmp_path, monkeypatch):
    home = tmp_path / "tutor-home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    return home


def run_lesson(lesson_id, overrides=None, device="cpu"):
    """Run a lesson headless with the given param overrides; returns the RunResult."""
    from tutor.course import catalogue
    from tutor.runner import Run

    lesson = catalogue().get(lesson_id).load()
    return Run(lesson, lesson.resolve(overrides or {}), device).execute()


def finished_run(lesson_id, overrides=None, device="cpu"):
    """run_lesson, failing the test (with the run's error or message) unless it finished."""
    result = run_lesson(lesson_id, overrides, device)
    assert result.status == "finished", result.error or result.message
    return result


@contextmanager
def private_home(tmp_path_factory, name="home"):
    """TUTOR_HOME set to a fresh folder, for module-scoped fixtures (the autouse tutor_home
    fixture is per test)."""
    home = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TUTOR_HOME", str(home))
        yield home


@pytest.fixture(scope="session")
def exercise_worker():
    """One warm exercise checker for the whole session (starting one imports torch)."""
    from tutor.exercises.worker import Worker

    with Worker() as worker:
        worker.start()
        yield worker
