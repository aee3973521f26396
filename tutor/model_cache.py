"""Models the lessons save and reuse, in one folder, written so that a damaged file never
breaks a later run.

    path = locations.models_dir() / "seq2seq-....pt"
    saved = model_cache.load(path, run, lambda saved: model.load_state_dict(saved["model"]))
    if saved is None:                        # none yet, or it was damaged: train
        ...
        with model_cache.saving(path) as part:
            torch.save(model.state_dict(), part)

`load` reads with `torch.load(weights_only=True)`; a file that cannot be loaded or used (cut
short, from another version, not a model) is moved aside as NAME.damaged-<time> and the run
told, so the caller trains again. `saving` writes a temp file in the same folder and replaces
the path only once it is complete and synced (a symbolic link there is replaced, never written
through). Temp files of saves that were interrupted are removed.

This module imports no Textual; torch only when a model is loaded.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from tutor.safe_files import not_regular, remove_stale_temps, replacing

__all__ = ["load", "saving"]


def _aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    aside, i = path.with_name(f"{path.name}.damaged-{stamp}"), 1
    while aside.exists() or aside.is_symlink():
        aside, i = path.with_name(f"{path.name}.damaged-{stamp}-{i}"), i + 1
    return aside


def load(path: Path, run: Any, use: Callable[[Any], Any] = lambda saved: saved) -> Any:
    """use(what torch.load reads at path) — its result must not be None — or None when there
    is no usable file there (a damaged one is kept aside, with a note on the run)."""
    import torch

    if not (path.exists() or path.is_symlink()):
        return None
    try:
        odd = not_regular(path)
        if odd:
            raise OSError(odd)
        return use(torch.load(path, map_location=run.device, weights_only=True))
    except Exception as exc:
        why = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}".rstrip(": ")
        try:
            aside = _aside(path)
            os.rename(path, aside)
            kept = f"kept it as {aside.name}"
        except OSError as move:
            kept = f"could not move it aside ({move.strerror or move})"
        run.note(
            f"the saved model {path.name} could not be used ({why}); {kept}, and the model is trained again"
        )
        return None


@contextmanager
def saving(path: Path) -> Iterator[Path]:
    """The temp path to `torch.save` to; it replaces `path` when the block ends (see above)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path.parent)
    with replacing(path) as part:
        yield part
