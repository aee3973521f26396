"""Checks of the devices exercises (run in the checker's child process).

The checker has only a CPU, so the moves are recorded: a model whose .to notes its device,
and tensors that note every .to called on them."""

import copy

import torch
from torch import nn


def _recording(moves):
    class Recorded(torch.Tensor):
        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            if getattr(func, "__name__", "") == "to" and args and isinstance(args[0], Recorded):
                moves.append(
                    (args[0].label, [str(a) for a in args[1:]] + [str(v) for v in (kwargs or {}).values()])
                )
            return super().__torch_function__(func, types, args, kwargs or {})

    return Recorded


class RecordedModel(nn.Sequential):
    def __init__(self, moves, *layers):
        super().__init__(*layers)
        self.moves = moves

    def to(self, *args, **kwargs):
        self.moves.append(("model", [str(a) for a in args] + [str(v) for v in kwargs.values()]))
        return super().to(*args, **kwargs)


def _moved(moves, what):
    return any(label == what and "cpu" in args for label, args in moves)


def _said(moves):
    return ", ".join(f"{label}.to({', '.join(args)})" for label, args in moves) or "nothing moved"


def check_loss_on_device(c):
    torch.manual_seed(0)
    layers = [nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3)]
    X, y = torch.randn(5, 6), torch.tensor([0, 2, 1, 1, 0])
    expected = c.ref(nn.Sequential(*copy.deepcopy(layers)), X.clone(), y.clone(), "cpu")
    moves = []
    Recorded = _recording(moves)
    model = RecordedModel(moves, *copy.deepcopy(layers))
    rX, ry = X.clone().as_subclass(Recorded), y.clone().as_subclass(Recorded)
    rX.label, ry.label = "X", "y"
    got = c.call(model, rX, ry, "cpu", name="loss_on_device(model, X [5, 6], y [5], 'cpu')")
    c.expect(
        isinstance(got, float),
        "returns a Python float",
        "return loss.item(), a Python float, not the loss tensor",
        got=type(got).__name__,
    )
    c.expect(
        abs(got - expected) < 1e-5,
        "the cross-entropy of model(X) against y",
        "the loss differs from F.cross_entropy(model(X), y)",
        expected=expected,
        got=got,
    )
    c.expect(
        _moved(moves, "model"),
        "the model is moved to the device",
        "move the model too: model.to(device)",
        got=_said(moves),
    )
    c.expect(
        _moved(moves, "X") and _moved(moves, "y"),
        "X and y are moved to the device",
        "move the batch too: X = X.to(device) and y = y.to(device); the model and its data "
        "must be on the same device",
        got=_said(moves),
    )
    wide = [nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10)]
    X, y = torch.rand(16, 784), torch.randint(0, 10, (16,))
    expected = c.ref(nn.Sequential(*copy.deepcopy(wide)), X.clone(), y.clone(), "cpu")
    got = c.call(nn.Sequential(*wide), X, y, "cpu", name="a 784-32-10 network on 16 digits")
    c.expect(
        abs(float(got) - expected) < 1e-5,
        "a 784-32-10 network: the same loss",
        "the loss differs from F.cross_entropy(model(X), y)",
        expected=expected,
        got=got,
    )
