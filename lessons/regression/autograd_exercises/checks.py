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
        c.expect(
            isinstance(got, float) and abs(got - expected) < 1e-4 * max(1.0, expected),
            f"step {step} returns this step's loss as a Python float",
            "return loss.item(), the mean squared error before this step's update",
            expected=expected,
            got=got,
        )
        c.expect(
            m.is_leaf and b.is_leaf and m.requires_grad and b.requires_grad,
            f"after step {step} m and b are still the caller's trainable tensors",
            "m and b must stay leaf tensors that require grad: change them in place "
            "(m -= lr * m.grad) inside torch.no_grad()",
        )
        c.expect(
            torch.allclose(m, rm) and torch.allclose(b, rb),
            f"after step {step} m and b moved right",
            f"after step {step} m and b differ from a correct step's"
            + (
                ": do you zero m.grad and b.grad after the update? backward() adds to them"
                if step > 1
                else ": is each moved by -lr times its own gradient?"
            ),
            expected=f"m {rm.item():.5g}, b {rb.item():.5g}",
            got=f"m {m.item():.5g}, b {b.item():.5g}",
        )
    m, b = _params()
    losses = [c.call(m, b, x, y, 0.1, name="descend, 100 steps") for _ in range(100)]
    c.expect(
        losses[-1] < 0.05,
        "100 steps fit the line",
        "after 100 steps the loss is still high",
        expected="below 0.05",
        got=losses[-1],
    )


def check_step_by_hand(c):
    c.not_using(
        "backward", "autograd", "requires_grad", "requires_grad_", why="work the gradients out by hand"
    )
    x, y = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 5.0])
    c.same(
        0.0,
        0.0,
        x,
        y,
        0.1,
        name="m = b = 0 on (1, 3) and (2, 5): E = -3, -5, so the "
        "gradients are -13 and -8 and the step gives (1.3, 0.8)",
        atol=1e-5,
    )
    g = torch.Generator().manual_seed(0)
    for n in (5, 50):
        x = torch.randn(n, generator=g)
        y = 2 * x - 1 + 0.1 * torch.randn(n, generator=g)
        c.same(0.5, 0.3, x, y, 0.05, atol=1e-5)
        m, b = torch.tensor(0.5, requires_grad=True), torch.tensor(0.3, requires_grad=True)
        ((m * x + b - y) ** 2).mean().backward()
        got = c.call(
            0.5, 0.3, x, y, 1.0, name=f"against autograd on {n} points (lr 1: the step is the gradient)"
        )
        ok = isinstance(got, tuple) and len(got) == 2 and all(isinstance(v, float) for v in got)
        c.expect(
            ok,
            "returns a tuple of two Python floats",
            "return (m, b) as two Python floats (use .item() on the tensor means)",
            got=got,
        )
        c.expect(
            abs(0.5 - got[0] - m.grad.item()) < 1e-5 and abs(0.3 - got[1] - b.grad.item()) < 1e-5,
            f"{n} points: the same gradients as autograd",
            "your step differs from one with autograd's gradients",
            expected=(m.grad.item(), b.grad.item()),
            got=(0.5 - got[0], 0.3 - got[1]),
        )
    m, b = 0.0, 0.0
    for _ in range(200):
        m, b = c.call(m, b, x, y, 0.1, name="200 steps of lr 0.1 on points near y = 2x - 1")
    c.expect(
        abs(m - 2) < 0.1 and abs(b + 1) < 0.1,
        "200 steps find the line y ≈ 2x − 1",
        "repeated steps should walk to the line the points lie near",
        expected="m ≈ 2, b ≈ -1",
        got=f"m {m:.4g}, b {b:.4g}",
    )
