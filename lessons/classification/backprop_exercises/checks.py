"""Checks of the backprop exercises (run in the checker's child process)."""

import torch


def check_sigmoid_unit_grad(c):
    c.not_using(
        "backward", "autograd", "requires_grad", "requires_grad_", why="work the chain rule out by hand"
    )
    c.same(
        torch.tensor([1.0, 2.0]),
        torch.zeros(2),
        0.0,
        1.0,
        name="x = [1, 2], w = 0, b = 0, y = 1: p = 0.5, so dL/dw = 2(-0.5) · 0.25 · x = [-0.25, -0.5]",
    )
    g = torch.Generator().manual_seed(0)
    for d, y in [(3, 0.0), (5, 1.0), (1, 1.0)]:
        x, w, b = torch.randn(d, generator=g), torch.randn(d, generator=g), torch.randn(1, generator=g).item()
        c.same(x, w, b, y, atol=1e-6, rtol=1e-4)
    x, w = torch.randn(4, generator=g), torch.randn(4, generator=g, requires_grad=True)
    loss = (torch.sigmoid(x @ w + 0.5) - 1.0) ** 2
    loss.backward()
    got = c.call(x, w.detach(), 0.5, 1.0, name="against autograd on a 4-input unit")
    c.expect(
        isinstance(got, torch.Tensor) and got.shape == w.shape and torch.allclose(got, w.grad, atol=1e-6),
        "agrees with autograd",
        "your gradient differs from the one autograd finds",
        expected=w.grad,
        got=got,
    )
