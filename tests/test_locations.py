"""Every path under the learner's home is built by tutor.locations, and nowhere else."""

import re
from pathlib import Path

import platformdirs

from tutor import locations

ROOT = Path(__file__).resolve().parents[1]


def test_every_path_lives_under_tutor_home(tutor_home):
    assert locations.home_dir() == tutor_home
    assert locations.progress_file() == tutor_home / "progress.json"
    assert locations.training_lock() == tutor_home / "training.lock"
    assert locations.exercises_dir() == tutor_home / "exercises"
    assert locations.data_dir() == tutor_home / "data"
    assert locations.mnist_dir() == tutor_home / "data" / "mnist"
    assert locations.models_dir() == tutor_home / "data" / "models"


def test_runs_sit_beside_whichever_progress_file_is_used(tmp_path):
    assert locations.runs_dir(tmp_path / "mine.json") == tmp_path / "mine.json.runs"


def test_without_tutor_home_the_platform_data_folder(monkeypatch):
    monkeypatch.delenv("TUTOR_HOME")
    assert locations.home_dir() == platformdirs.user_data_path("tutor", appauthor=False)


def test_tutor_home_may_start_with_a_tilde(monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", "~/learning")
    assert locations.home_dir() == Path.home() / "learning"


def test_no_other_module_builds_a_path_under_the_home():
    """The home, its environment variable and platformdirs appear only in locations.py."""
    pattern = re.compile(r"home_dir\(|[\"']TUTOR_HOME[\"']|platformdirs")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("tutor", "lessons")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "locations.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
