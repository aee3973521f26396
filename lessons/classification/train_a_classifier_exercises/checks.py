"""Checks of the train-a-classifier exercises (run in the checker's child process)."""

import torch


def check_accuracy(c):
    scores = torch.tensor([[2.0, 1.0], [0.0, 3.0], [5.0, 4.0], [1.0, 2.0]])
    c.same(scores, torch.tensor([0, 1, 1, 1]), name="4 points, 3 right: 0.75")
    got = c.call(scores, torch.tensor([0, 1, 1, 1]))
    c.expect(
        isinstance(got, float),
        "returns a Python float",
        "return a Python float (use .item() on a 0-dimensional tensor)",
        got=got,
    )
    g = torch.Generator().manual_seed(0)
    for n, k in [(10, 2), (7, 3), (20, 10), (3, 5)]:
        c.same(torch.randn(n, k, generator=g), torch.randint(0, k, (n,), generator=g), atol=1e-6)
