"""Checks of the tensors exercises (run in the checker's child process)."""

import torch


def check_to_unit_floats(c):
    g = torch.Generator().manual_seed(0)
    c.same(torch.tensor([0, 51, 255], dtype=torch.uint8), name="the bytes 0, 51 and 255")
    for shape in [(4, 4), (2, 28, 28), (3,)]:
        c.same(torch.randint(0, 256, shape, generator=g, dtype=torch.uint8))


def check_zero_negatives_(c):
    g = torch.Generator().manual_seed(1)
    for shape in [(5,), (3, 4)]:
        x = torch.randn(shape, generator=g)
        expected = x.clamp(min=0)
        got = c.call(x)
        c.expect(
            got is x,
            f"returns x itself ({shape})",
            "your function returned a new tensor; change x in place and return x itself "
            "(x.clamp_(min=0), with the underscore)",
            got=got,
        )
        c.expect(
            torch.equal(x, expected),
            f"x itself has no negative entries left ({shape})",
            "x still has negative entries after your function ran",
            expected=expected,
            got=x,
        )


def check_row_mean_and_argmax(c):
    g = torch.Generator().manual_seed(2)
    c.same(
        torch.tensor([[1.0, 5.0, 3.0], [4.0, 0.0, -2.0]]),
        name="rows [1, 5, 3] and [4, 0, -2]: means 3 and 0.667, largest at 1 and 0",
    )
    for shape in [(4, 6), (6, 4), (1, 3)]:
        c.same(torch.randn(shape, generator=g), atol=1e-5)
