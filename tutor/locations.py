"""Every path tutor keeps under its home, built in one place.

    $TUTOR_HOME/              home_dir(): $TUTOR_HOME, else the platform's user data folder
      progress.json           progress_file() (the app and CLI may be given another)
      progress.json.runs/     runs_dir(progress file): always beside the progress file in use
      training.lock           training_lock(): one run at a time per learner
      exercises/<lesson>/     exercises_dir(): the learner's exercise files
      data/                   data_dir(): what tutor downloads or installs
        mnist/                mnist_dir(): the full MNIST (`tutor data mnist`)
        models/               models_dir(): the models lessons save and reuse

Nothing here creates a folder: the code that writes a file makes its folder. Data shipped
with the course (lessons/data) lives beside the lessons, not here.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "home_dir",
    "progress_file",
    "runs_dir",
    "training_lock",
    "exercises_dir",
    "data_dir",
    "mnist_dir",
    "models_dir",
]


def home_dir() -> Path:
    """Where tutor keeps its files: $TUTOR_HOME if set, else the platform's user data folder."""
    env = os.environ.get("TUTOR_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("tutor", appauthor=False)


def progress_file() -> Path:
    return home_dir() / "progress.json"


def runs_dir(progress: Path) -> Path:
    """The folder of saved runs that belongs to the progress file `progress`."""
    return progress.with_name(progress.name + ".runs")


def training_lock() -> Path:
    return home_dir() / "training.lock"


def exercises_dir() -> Path:
    return home_dir() / "exercises"


def data_dir() -> Path:
    return home_dir() / "data"


def mnist_dir() -> Path:
    return data_dir() / "mnist"


def models_dir() -> Path:
    return data_dir() / "models"
