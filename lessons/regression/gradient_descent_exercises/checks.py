"""Checks of the gradient-descent exercises (run in the checker's child process)."""

import torch


def check_mse(c):
    c.not_using("MSELoss", "mse_loss", why="the exercise is to compute the mean squared error yourself")
    c.same(
        torch.tensor([1.0, 2.0, 3.0]),
        torch.tensor([1.0, 0.0, 6.0]),
        name="errors 0, 2 and -3: mse = (0 + 4 + 9) / 3 = 4.333",
    )
    g = torch.Generator().manual_seed(0)
    for shape in [(10,), (8, 1), (4, 5)]:
        c.same(torch.randn(shape, generator=g), torch.randn(shape, generator=g), atol=1e-5)
    y_pred = torch.randn(6, generator=g, requires_grad=True)
    y = torch.randn(6, generator=g)
    loss = c.call(y_pred, y, name="mse(...).backward() gives the gradient 2 (y_pred - y) / n")
    c.expect(
        isinstance(loss, torch.Tensor) and loss.requires_grad,
        "autograd can go through it",
        "your mse returned something autograd cannot differentiate; return the tensor "
        "itself, not loss.item() or float(loss)",
        got=loss,
    )
    loss.backward()
    c.expect(
        torch.allclose(y_pred.grad, 2 * (y_pred.detach() - y) / 6, atol=1e-6),
        "the gradient is 2 (y_pred - y) / n",
        "the gradient of your mse is not 2 (y_pred - y) / n",
        expected=2 * (y_pred.detach() - y) / 6,
        got=y_pred.grad,
    )
