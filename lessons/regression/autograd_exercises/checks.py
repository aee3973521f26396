"""Checks of the autograd exercises (run in the checker's child process)."""

import torch


def _line(seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(50, generator=g)
    return x, -6.5 * x + 23.4 + 0.1 * torch.randn(50, generator=g)


def _params():
    return torch.tensor([1.0], requires_grad=True), torch.tensor([0.0], requires_grad=True)


def check_descend(c):
    x, y = _line(0)
    m, b = _params()
    rm, rb = _params()
    for step in range(1, 4):
        got = c.call(m, b, x, y, 0.1, name=f"descend(m, b, x, y, lr=0.1), step {step}")
        expected = c.ref(rm, rb, x, y, 0.1)
        c.expect(isinstance(got, float) and abs(got - expected) < 1e-4 * max(1.0, expected),
                 f"step {step} returns this step's loss as a Python float",
                 "return loss.item(), the mean squared error before this step's update",
                 expected=expected, got=got)
        c.expect(m.is_leaf and b.is_leaf and m.requires_grad and b.requires_grad,
                 f"after step {step} m and b are still the caller's trainable tensors",
                 "m and b must stay leaf tensors that require grad: change them in place "
                 "(m -= lr * m.grad) inside torch.no_grad()")
        c.expect(torch.allclose(m, rm) and torch.allclose(b, rb), f"after step {step} m and b moved right",
                 f"after step {step} m and b differ from a correct step's"
                 + (": do you zero m.grad and b.grad after the update? backward() adds to them"
                    if step > 1 else ": is each moved by -lr times its own gradient?"),
                 expected=f"m {rm.item():.5g}, b {rb.item():.5g}", got=f"m {m.item():.5g}, b {b.item():.5g}")
    m, b = _params()
    losses = [c.call(m, b, x, y, 0.1, name="descend, 100 steps") for _ in range(100)]
    c.expect(losses[-1] < 0.05, "100 steps fit the line", "after 100 steps the loss is still "
             "high", expected="below 0.05", got=losses[-1])
