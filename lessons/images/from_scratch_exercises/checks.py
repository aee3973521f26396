"""Checks of the from-scratch exercises (run in the checker's child process)."""

import torch


def _problem(seed, n, features, classes):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, features, generator=g)
    y = torch.randint(0, classes, (n,), generator=g)
    W = (torch.randn(features, classes, generator=g) * 0.1).requires_grad_()
    b = torch.zeros(classes, requires_grad=True)
    return x, y, W, b


def _copies(W, b):
    return W.detach().clone().requires_grad_(), b.detach().clone().requires_grad_()


def check_scratch_step(c):
    c.not_using("Linear", "optim", "SGD", why="the exercise is to update the raw tensors yourself")
    x, y, W, b = _problem(0, 8, 5, 3)
    W_before = W.detach().clone()
    rW, rb = _copies(W, b)
    expected = c.ref(x, y, rW, rb, 0.5)
    got = c.call(x, y, W, b, 0.5, name="scratch_step on 8 points, 5 features, 3 classes, lr 0.5")
    c.expect(
        isinstance(got, float),
        "returns a Python float",
        "return loss.item(), a Python float, not the loss tensor",
        got=type(got).__name__,
    )
    c.expect(
        abs(got - expected) < 1e-5,
        "returns the loss before the update",
        "the loss differs from F.cross_entropy(x @ W + b, y) before the update",
        expected=expected,
        got=got,
    )
    c.expect(
        not torch.equal(W.detach(), W_before),
        "the caller's W has changed",
        "W is the same as before the step: change it in place (W -= lr * W.grad inside "
        "torch.no_grad()); W = W - lr * W.grad makes a new tensor the caller never sees",
    )
    c.expect(
        torch.allclose(W.detach(), rW.detach(), atol=1e-6)
        and torch.allclose(b.detach(), rb.detach(), atol=1e-6),
        "W and b moved by − lr · grad",
        "after the step W should be W − lr · W.grad (and b likewise): subtract, with the lr given",
        expected=rW.detach(),
        got=W.detach(),
    )
    c.expect(
        W.is_leaf and W.requires_grad and b.is_leaf and b.requires_grad,
        "W and b still require gradients",
        "do the update inside torch.no_grad(), so that W and b stay leaf tensors that require gradients",
    )
    c.expect(
        all(t.grad is None or not t.grad.any() for t in (W, b)),
        "the gradients are cleared",
        "clear the gradients after the update (W.grad = None, b.grad = None), or the next "
        "step adds its gradient to this one's",
    )
    x, y, W, b = _problem(1, 60, 4, 3)
    y = (x[:, 0] > 0).long() + (x[:, 1] > 0).long()  # a rule the classifier can learn
    first = c.call(x, y, W, b, 0.5, name="100 steps on 60 points")
    for _ in range(99):
        last = c.call(x, y, W, b, 0.5, name="100 steps on 60 points")
    rW, rb = _copies(*_problem(1, 60, 4, 3)[2:])
    for _ in range(100):
        ref_last = c.ref(x, y, rW, rb, 0.5)
    c.expect(
        abs(last - ref_last) < 1e-4,
        "100 steps: the loss falls as it should",
        f"after 100 steps the loss should have fallen from {first:.3f} to {ref_last:.3f}",
        expected=ref_last,
        got=last,
    )
