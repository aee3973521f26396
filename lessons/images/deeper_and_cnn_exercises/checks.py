"""Checks of the deeper-and-cnn exercises (run in the checker's child process)."""

import torch
from torch import nn


def check_conv_output_size(c):
    c.same(32, 5, name="LeNet-5's C1: 32 − 5 + 1 = 28")
    c.same(28, 2, 2, name="a 2×2 max-pool with stride 2: 28 → 14")
    c.same(64, 5, 2, name="Conv2d(3, 10, 5, stride=2) on 64: 30")
    c.same(28, 3, 1, 1, name="3×3 with padding 1 keeps 28")
    for size, k, s, p in [(7, 3, 2, 0), (100, 7, 3, 2), (5, 5, 1, 0), (31, 2, 2, 0)]:
        got = c.same(size, k, s, p)
        layer = nn.Conv2d(1, 1, k, stride=s, padding=p)
        real = layer(torch.zeros(1, 1, size, size)).shape[-1]
        c.expect(got == real, f"agrees with nn.Conv2d({k}, stride={s}, padding={p}) on {size}",
                 "your size differs from what nn.Conv2d gives", expected=real, got=got)


def _lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
        nn.MaxPool2d(2), nn.Conv2d(16, 120, 5), nn.ReLU(), nn.Flatten(), nn.Linear(120, 84),
        nn.ReLU(), nn.Linear(84, 10))


def check_count_parameters(c):
    c.same(nn.Linear(784, 10), name="nn.Linear(784, 10): 7,850")
    c.same(_lenet(), name="LeNet-5: 61,706")
    c.same(nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1)), name="2 → 4 → 1: 17")
    frozen = _lenet()
    for p in frozen[:7].parameters():            # the convolutions frozen, as in transfer learning
        p.requires_grad_(False)
    c.same(frozen, name="LeNet-5 with its convolutions frozen: 11,014 trainable")
