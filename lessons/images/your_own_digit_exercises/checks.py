"""Checks of the your-own-digit exercises (run in the checker's child process)."""

import torch
from torch import nn


def _model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))


def _drawing(seed):
    g = torch.Generator().manual_seed(seed)
    image = torch.zeros(28, 28, dtype=torch.uint8)
    image[6:22, 10:18] = torch.randint(100, 256, (16, 8), generator=g, dtype=torch.uint8)
    return image


def check_read_digit(c):
    for seed in (0, 1, 2):
        model, image = _model(seed), _drawing(seed)
        copy = image.clone()
        got = c.same(model, image, atol=1e-5, name=f"a random 784-32-10 model reads a drawing (seed {seed})")
        c.expect(
            isinstance(got[0], int),
            "the digit is a Python int",
            "return the digit as a Python int (.item()), not a tensor",
            got=type(got[0]).__name__,
        )
        c.expect(
            torch.equal(image, copy),
            "the image is unchanged",
            "your function changed the image; work on a converted copy",
        )
        c.expect(
            not got[1].requires_grad,
            "no autograd graph is kept",
            "run the model inside torch.no_grad(): predicting needs no gradients",
        )
    c.same(
        _model(3),
        torch.full((28, 28), 255, dtype=torch.uint8),
        atol=1e-5,
        name="an all-white image: every input is 1.0, not 255",
    )
