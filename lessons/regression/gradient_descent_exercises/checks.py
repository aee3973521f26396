"""Checks of the gradient-descent exercises (run in the checker's child process)."""

import torch


def check_mse(c):
    c.not_using("MSELoss", "mse_loss", why="the exercise is to compute the mean squared error yourself")
    c.same(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 0.0, 6.0]),
           name="errors 0, 2 and -3: mse = (0 + 4 + 9) / 3 = 4.333")
    g = torch.Generator().manual_seed(0)
    for shape in [(10,), (8, 1), (4, 5)]:
        c.same(torch.randn(shape, generator=g), torch.randn(shape, generator=g), atol=1e-5)
    y_pred = torch.randn(6, generator=g, requires_grad=True)
    y = torch.randn(6, generator=g)
    loss = c.call(y_pred, y, name="mse(...).backward() gives the gradient 2 (y_pred - y) / n")
    c.expect(isinstance(loss, torch.Tensor) and loss.requires_grad, "autograd can go through it",
             "your mse returned something autograd cannot differentiate; return the tensor "
             "itself, not loss.item() or float(loss)", got=loss)
    loss.backward()
    c.expect(torch.allclose(y_pred.grad, 2 * (y_pred.detach() - y) / 6, atol=1e-6),
             "the gradient is 2 (y_pred - y) / n", "the gradient of your mse is not "
             "2 (y_pred - y) / n", expected=2 * (y_pred.detach() - y) / 6, got=y_pred.grad)


def check_step_by_hand(c):
    c.not_using("backward", "autograd", "requires_grad", "requires_grad_",
                why="work the gradients out by hand")
    x, y = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 5.0])
    c.same(0.0, 0.0, x, y, 0.1, name="m = b = 0 on (1, 3) and (2, 5): E = -3, -5, so the "
           "gradients are -13 and -8 and the step gives (1.3, 0.8)", atol=1e-5)
    g = torch.Generator().manual_seed(0)
    for n in (5, 50):
        x = torch.randn(n, generator=g)
        y = 2 * x - 1 + 0.1 * torch.randn(n, generator=g)
        c.same(0.5, 0.3, x, y, 0.05, atol=1e-5)
        m, b = torch.tensor(0.5, requires_grad=True), torch.tensor(0.3, requires_grad=True)
        ((m * x + b - y) ** 2).mean().backward()
        got = c.call(0.5, 0.3, x, y, 1.0, name=f"against autograd on {n} points (lr 1: the step is the gradient)")
        ok = isinstance(got, tuple) and len(got) == 2 and all(isinstance(v, float) for v in got)
        c.expect(ok, "returns a tuple of two Python floats", "return (m, b) as two Python floats "
                 "(use .item() on the tensor means)", got=got)
        c.expect(abs(0.5 - got[0] - m.grad.item()) < 1e-5 and abs(0.3 - got[1] - b.grad.item()) < 1e-5,
                 f"{n} points: the same gradients as autograd",
                 "your step differs from one with autograd's gradients",
                 expected=(m.grad.item(), b.grad.item()), got=(0.5 - got[0], 0.3 - got[1]))
    m, b = 0.0, 0.0
    for _ in range(200):
        m, b = c.call(m, b, x, y, 0.1, name="200 steps of lr 0.1 on points near y = 2x - 1")
    c.expect(abs(m - 2) < 0.1 and abs(b + 1) < 0.1, "200 steps find the line y ≈ 2x − 1",
             "repeated steps should walk to the line the points lie near", expected="m ≈ 2, b ≈ -1",
             got=f"m {m:.4g}, b {b:.4g}")
