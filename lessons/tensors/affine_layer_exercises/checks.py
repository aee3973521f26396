"""Checks of the affine-layer exercises (run in the checker's child process)."""

import torch


def check_affine(c):
    c.same(
        torch.tensor([[1.0, 2.0]]),
        torch.tensor([[3.0, 7.0], [4.0, 1.0]]),
        torch.tensor([0.5, 0.3]),
        name="aiaioo 210: [[1, 2]] with W = [[3, 7], [4, 1]], b = [0.5, 0.3] → [[11.5, 9.3]]",
    )
    c.same(
        torch.tensor([[1.0, 2.0, 3.0]]),
        torch.tensor([[3.0, 7.0], [4.0, 1.0], [1.0, 2.0]]),
        torch.tensor([0.5, 0.3]),
        name="the exercise: [[1, 2, 3]] → [[14.5, 15.3]]",
    )
    g = torch.Generator().manual_seed(0)
    for n, i, o in [(4, 3, 2), (1, 5, 5), (6, 2, 7)]:
        c.same(
            torch.randn(n, i, generator=g),
            torch.randn(i, o, generator=g),
            torch.randn(o, generator=g),
            atol=1e-5,
        )
