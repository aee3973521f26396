"""Checks of the regularization exercises (run in the checker's child process)."""

import torch
from torch import nn


def _line(weight, bias):
    model = nn.Linear(len(weight), 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([weight]))
        model.bias.copy_(torch.tensor([bias]))
    return model


def check_l2_penalty(c):
    c.same(_line([1.0, 2.0], 3.0), 0.1, name="weights 1, 2 and bias 3, wd 0.1: 0.05 · 14 = 0.7")
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
    for wd in (0.3, 1e-3):
        c.same(model, wd, name=f"a 4-8-3 network, wd {wd}", atol=1e-6, rtol=1e-4)
    penalty = c.call(model, 0.3, name="l2_penalty(model, 0.3).backward()")
    c.expect(
        isinstance(penalty, torch.Tensor) and penalty.requires_grad,
        "the penalty is a tensor autograd can follow",
        "return a tensor built from the parameters (no .item(), no torch.tensor(...) around "
        "it), so that loss + penalty can be backpropagated",
        got=penalty,
    )
    model.zero_grad()
    penalty.backward()
    wrong = [
        name
        for name, p in model.named_parameters()
        if p.grad is None or not torch.allclose(p.grad, 0.3 * p, atol=1e-6)
    ]
    c.expect(
        not wrong,
        "its gradient is wd · w for every parameter",
        "the gradient of the penalty should be wd · w for every weight and bias (as "
        "weight_decay=wd gives): include every parameter, and halve the sum of squares",
        got="wrong for " + ", ".join(wrong),
    )
