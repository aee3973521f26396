"""Checks of the decision-rule exercises (run in the checker's child process)."""

import torch


def check_classify(c):
    c.same(
        torch.tensor([[2.0, 3.0]]),
        torch.tensor([[0.0, 6.0], [0.0, 9.0]]),
        name="aiaioo's [2, 3] with W = [[0, 6], [0, 9]]: scores [0, 39], class 1",
    )
    g = torch.Generator().manual_seed(0)
    for n, f, k in [(5, 2, 2), (4, 3, 3), (2, 3, 4), (6, 6, 6)]:
        c.same(torch.randn(n, f, generator=g), torch.randn(f, k, generator=g), atol=1e-5)
