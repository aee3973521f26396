"""Checks of the losses exercises (run in the checker's child process)."""

import torch

SOFTMAXES = ("softmax", "log_softmax", "softmin", "Softmax", "LogSoftmax")


def check_softmax(c):
    c.not_using(*SOFTMAXES, why="the exercise is to write softmax yourself, from exp")
    c.same(torch.tensor([[1.0, 2.0, 3.0]]), name="scores [1, 2, 3]: 0.090, 0.245, 0.665")
    g = torch.Generator().manual_seed(0)
    for shape in [(4, 3), (2, 5), (1, 10)]:
        c.same(torch.randn(shape, generator=g) * 3, atol=1e-6)
    c.same(torch.tensor([[1000.0, 0.0]]), name="scores [1000, 0] (exp(1000) overflows)")
    c.same(
        torch.tensor([[1000.0, 999.0], [0.0, -1000.0]]),
        name="rows [1000, 999] and [0, -1000]: each row needs its own shift",
    )
    c.same(torch.randn(3, 4, generator=g, dtype=torch.float64), name="float64 scores stay float64")


def check_fix_softmax_ce(c):
    c.not_using(
        *SOFTMAXES,
        why="F.cross_entropy takes raw scores and applies "
        "log-softmax itself, so a softmax before it squashes the scores twice",
    )
    c.same(
        torch.tensor([[6.0, 2.0, 1.9]]),
        torch.tensor([0]),
        name="aiaioo's point: scores [6, 2, 1.9], class 0 (loss 0.0337)",
    )
    g = torch.Generator().manual_seed(1)
    for n, k in [(8, 3), (5, 10), (1, 2)]:
        c.same(torch.randn(n, k, generator=g) * 4, torch.randint(0, k, (n,), generator=g), atol=1e-5)
