"""Checks of the transfer-learning exercises (run in the checker's child process)."""

import torch
from torch import nn


def _lesson_network():
    """The lesson's network: conv layers, a dense layer, a last layer of 5 outputs."""
    convs = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
    )
    return nn.Sequential(convs, nn.Sequential(nn.Linear(32 * 7 * 7, 64), nn.ReLU()), nn.Linear(64, 5))


def _check(c, model, label):
    last = set(map(id, model[-1].parameters()))
    got = c.call(model, name=f"freeze_all_but_last({label})")
    names = dict((id(p), n) for n, p in model.named_parameters())
    still = [n for n, p in model.named_parameters() if p.requires_grad and id(p) not in last]
    c.expect(
        not still,
        f"{label}: every layer but the last is frozen",
        "these parameters still require gradients: set requires_grad = False on every "
        "layer but the last (model.requires_grad_(False) reaches them all)",
        got=", ".join(still),
    )
    frozen = [n for n, p in model.named_parameters() if not p.requires_grad and id(p) in last]
    c.expect(
        not frozen,
        f"{label}: the last layer learns",
        "the last layer must still learn: its parameters need requires_grad = True",
        got="frozen: " + ", ".join(frozen),
    )
    returned = list(got) if isinstance(got, (list, tuple)) else got
    ok = isinstance(returned, list) and set(map(id, returned)) == last and len(returned) == len(last)
    c.expect(
        ok,
        f"{label}: returns the last layer's parameters",
        "return a list of exactly the parameters that still learn (the last layer's "
        "weight and bias), for the optimiser",
        expected=sorted(names[i] for i in last),
        got=sorted(names.get(id(p), "?") for p in returned)
        if isinstance(returned, list)
        else type(got).__name__,
    )
    return returned


def check_freeze_all_but_last(c):
    torch.manual_seed(0)
    returned = _check(c, _lesson_network(), "the lesson's network")
    count = sum(p.numel() for p in returned)
    c.expect(
        count == 64 * 5 + 5,
        "the lesson's network: 325 weights still learn",
        "only the last layer, nn.Linear(64, 5), should learn: 64 · 5 + 5 = 325 weights",
        expected=325,
        got=count,
    )
    small = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
    _check(c, small, "a 3-4-4-2 network")
    frozen = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).requires_grad_(False)
    _check(c, frozen, "a network that arrives entirely frozen")
