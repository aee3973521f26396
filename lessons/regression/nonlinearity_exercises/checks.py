"""Checks of the nonlinearity exercises (run in the checker's child process)."""

import torch


def check_relu_net(c):
    c.not_using("Linear", "Sequential", "ReLU", "linear", why="write the layers with tensor operations")
    x = torch.tensor([[-1.0], [1.0]])
    W1, b1 = torch.tensor([[1.0, -1.0]]), torch.zeros(2)
    c.same(
        x,
        W1,
        b1,
        torch.tensor([[1.0], [1.0]]),
        torch.zeros(1),
        name="hidden units x and -x, summed: the output is |x| = 1 at x = -1 and at x = 1",
    )
    c.same(
        x,
        W1,
        b1,
        torch.tensor([[-1.0], [-1.0]]),
        torch.zeros(1),
        name="the same units subtracted: -|x| = -1 (the output layer has no ReLU)",
    )
    g = torch.Generator().manual_seed(0)
    for n, d, h, k in [(5, 1, 8, 1), (7, 3, 4, 2), (1, 2, 16, 3)]:
        c.same(
            torch.randn(n, d, generator=g),
            torch.randn(d, h, generator=g),
            torch.randn(h, generator=g),
            torch.randn(h, k, generator=g),
            torch.randn(k, generator=g),
            atol=1e-5,
        )
