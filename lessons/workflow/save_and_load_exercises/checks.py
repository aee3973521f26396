"""Checks of the save-and-load exercises (run in the checker's child process)."""

import os
import tempfile

import torch
from torch import nn


def _make():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


def check_save_and_reload(c):
    torch.manual_seed(0)
    model = _make()
    x = torch.randn(5, 4)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.pth")
        new = c.call(model, _make, path, name="save_and_reload(model, make_model, path)")
        c.expect(
            os.path.exists(path),
            "the file is saved at path",
            "nothing was saved at path: torch.save(model.state_dict(), path)",
        )
        try:
            saved = torch.load(path, weights_only=True)
        except Exception as exc:
            saved = exc
        c.expect(
            isinstance(saved, dict) and set(saved) == set(model.state_dict()),
            "the file holds the state_dict",
            "save model.state_dict(), the weights by name, not the model object: loading "
            "a whole model needs weights_only=False, which would run any code in the file",
            got=type(saved).__name__,
        )
        c.expect(
            isinstance(new, nn.Module) and new is not model,
            "returns a new model",
            "return the new model built by make_model(), not the one you were given",
            got=type(new).__name__,
        )
        with torch.no_grad():
            c.expect(
                torch.equal(new(x), model(x)),
                "the new model predicts exactly as the old",
                "the reloaded model predicts differently: did you load the saved state_dict "
                "into it (new_model.load_state_dict(...))?",
                expected=model(x),
                got=new(x),
            )
