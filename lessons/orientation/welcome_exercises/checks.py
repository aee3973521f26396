"""Checks of the welcome exercises (run in the checker's child process)."""

import torch


def check_rule_mse(c):
    c.not_using("mse_loss", "MSELoss", why="the exercise is to compute the error yourself")
    weight = torch.tensor([2000.0, 3000.0, 4000.0])
    mpg = torch.tensor([30.0, 20.0, 18.0])
    got = c.same(
        weight,
        mpg,
        40.0,
        -7.0,
        name="rule 40 − 7·weight/1000 on 3 cars: misses -4, -1, -6: mse = 17.667",
        atol=1e-4,
    )
    c.expect(
        isinstance(got, float),
        "returns a Python float",
        "return a Python float (loss.item()), not a tensor",
        got=type(got).__name__,
    )
    g = torch.Generator().manual_seed(0)
    for n, a, b in [(10, 46.0, -7.6), (392, 40.0, -6.0), (1, 30.0, 0.0)]:
        weight = 1600 + 3500 * torch.rand(n, generator=g)
        mpg = 46 - 7.6 * weight / 1000 + 4 * torch.randn(n, generator=g)
        c.same(weight, mpg, a, b, atol=1e-3, rtol=1e-4)
