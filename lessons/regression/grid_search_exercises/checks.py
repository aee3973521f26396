"""Checks of the grid-search exercises (run in the checker's child process)."""

import torch


def check_mse_grid(c):
    c.no_loops()
    x, y = torch.tensor([0.0, 1.0, 2.0]), torch.tensor([1.0, 3.0, 5.0])
    c.same(
        x,
        y,
        torch.tensor([2.0]),
        torch.tensor([1.0, 0.0]),
        name="points on y = 2x + 1: the line 2x + 1 misses by 0 (MSE 0), 2x + 0 by 1 (MSE 1)",
    )
    c.same(
        x,
        y,
        torch.tensor([0.0, 2.0, 4.0]),
        torch.tensor([1.0, 3.0]),
        name="3 slopes and 2 intercepts: a [3, 2] table, slopes down the rows",
        atol=1e-5,
    )
    g = torch.Generator().manual_seed(0)
    for n, s, b in [(10, 4, 7), (392, 25, 3), (1, 1, 5)]:
        x = 1.6 + 3.5 * torch.rand(n, generator=g)
        y = 46 - 7.6 * x + torch.randn(n, generator=g)
        c.same(x, y, torch.linspace(-12, -4, s), torch.linspace(30, 60, b), atol=1e-4, rtol=1e-4)
