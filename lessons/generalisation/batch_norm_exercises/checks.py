"""Checks of the batch-norm exercises (run in the checker's child process)."""

import copy

import torch
from torch import nn


def _trained_model():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 1))
    X = torch.randn(64, 4)
    y = X.sum(dim=1, keepdim=True)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(20):
        loss = nn.functional.mse_loss(model(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model


def check_fix_eval_mode(c):
    model = _trained_model()
    g = torch.Generator().manual_seed(1)
    X_val = torch.randn(10, 4, generator=g) * 2 + 1
    y_val = X_val.sum(dim=1, keepdim=True)
    before = copy.deepcopy(model.state_dict())
    reference = copy.deepcopy(model)
    got = c.call(model, X_val, y_val, name="validation_mse(model, X_val [10, 4], y_val)")
    changed = [k for k, v in model.state_dict().items() if not torch.equal(v, before[k])]
    c.expect(
        not changed,
        "measuring leaves the model as it was",
        "measuring changed the model's batch-norm running averages: in train mode each "
        "forward pass updates them; call model.eval() before measuring",
        got="changed: " + ", ".join(changed[:3]),
    )
    expected = c.ref(reference, X_val, y_val)
    c.expect(
        isinstance(got, float) and abs(got - expected) < 1e-4 * max(1.0, expected),
        "the MSE is measured in eval mode",
        "the MSE differs from one measured in eval mode (with the running averages)",
        expected=expected,
        got=got,
    )
    c.expect(
        model.training and all(m.training for m in model.modules()),
        "the model is back in training mode",
        "after measuring, the model must be in training mode again: call model.train() before you return",
    )
    alone = c.call(model, X_val[:2], y_val[:2], name="validation_mse on 2 rows")
    c.expect(
        abs(alone - c.ref(reference, X_val[:2], y_val[:2])) < 1e-4 * max(1.0, alone),
        "a small batch is measured the same way",
        "measured on 2 rows, the MSE differs from the eval-mode one",
        got=alone,
    )


def check_dropout(c):
    c.not_using("dropout", "Dropout", "dropout_", why="the exercise is to write dropout yourself")
    g = torch.Generator().manual_seed(0)
    x = torch.randn(4, 5, generator=g)
    got = c.call(
        x, 0.5, False, torch.Generator().manual_seed(1), name="eval mode: dropout(x, 0.5, training=False)"
    )
    c.expect(
        isinstance(got, torch.Tensor) and torch.equal(got, x),
        "eval mode returns x unchanged",
        "in eval mode (training=False) dropout must return x unchanged",
        expected=x,
        got=got,
    )
    got = c.call(x, 0.0, True, torch.Generator().manual_seed(1), name="dropout(x, p=0, training=True)")
    c.expect(
        isinstance(got, torch.Tensor) and torch.allclose(got, x),
        "p = 0 keeps everything",
        "with p = 0 nothing should be dropped",
        expected=x,
        got=got,
    )
    for p in (0.3, 0.8):
        ones = torch.ones(200, 500)
        got = c.call(
            ones,
            p,
            True,
            torch.Generator().manual_seed(2),
            name=f"dropout(ones [200, 500], p={p}, training=True)",
        )
        c.expect(
            isinstance(got, torch.Tensor) and got.shape == ones.shape,
            f"p = {p}: the same shape",
            "dropout returns a tensor of x's shape",
            got=got,
        )
        c.expect(
            torch.equal(ones, torch.ones(200, 500)),
            f"p = {p}: x is left as it was",
            "your dropout changed x; return a new tensor",
        )
        dropped = (got == 0).float().mean().item()
        c.expect(
            abs(dropped - p) < 0.01,
            f"p = {p}: about {p:.0%} of the entries are zeroed",
            f"each entry should be zeroed with probability p = {p}",
            expected=f"about {p:.0%} zeros",
            got=f"{dropped:.1%} zeros",
        )
        kept = got[got != 0]
        c.expect(
            torch.allclose(kept, torch.full_like(kept, 1 / (1 - p)), atol=1e-5),
            f"p = {p}: the kept entries are scaled by 1 / (1 - p)",
            f"the entries kept should be multiplied by 1 / (1 - p) = {1 / (1 - p):.4g}, so "
            "that their expected value is unchanged",
            expected=1 / (1 - p),
            got=kept[:4] if len(kept) else "nothing kept",
        )
    a = c.call(x, 0.5, True, torch.Generator().manual_seed(7), name="dropout with a seeded generator")
    b = c.call(x, 0.5, True, torch.Generator().manual_seed(7), name="dropout with a seeded generator")
    c.expect(
        torch.equal(a, b),
        "the same seed drops the same entries",
        "two generators seeded alike dropped different entries: draw the random numbers "
        "with the generator passed in (torch.rand(x.shape, generator=generator))",
    )
