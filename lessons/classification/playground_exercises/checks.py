"""Checks of the playground exercises (run in the checker's child process)."""

import math

import torch


def check_cross_features(c):
    c.no_loops()
    c.same(torch.tensor([[2.0, 3.0]]), name="the point (2, 3): 4, 9 and 6")
    c.same(torch.tensor([[1.0, -1.0], [0.0, 5.0]]), name="(1, -1) and (0, 5): [1, 1, -1] and [0, 25, 0]")
    g = torch.Generator().manual_seed(0)
    for n in (4, 2, 100):
        c.same(torch.randn(n, 2, generator=g) * 3, atol=1e-5)
    angle = torch.rand(200, generator=g) * 2 * math.pi
    radius = torch.where(torch.arange(200) < 100, 1.0, 3.0)
    ring = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    got = c.call(ring, name="two rings, radius 1 and 3")
    inner = (got[:, 0] + got[:, 1]) < 4 if isinstance(got, torch.Tensor) and got.shape == (200, 3) else None
    c.expect(
        inner is not None and torch.equal(inner, radius == 1.0),
        "the rings are split by the straight line x1² + x2² = 4",
        "in your features the two rings should be split by one straight line: the first "
        "two columns should be x1² and x2²",
    )
