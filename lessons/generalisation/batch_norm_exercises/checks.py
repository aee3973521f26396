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
    c.expect(not changed, "measuring leaves the model as it was",
             "measuring changed the model's batch-norm running averages: in train mode each "
             "forward pass updates them; call model.eval() before measuring",
             got="changed: " + ", ".join(changed[:3]))
    expected = c.ref(reference, X_val, y_val)
    c.expect(isinstance(got, float) and abs(got - expected) < 1e-4 * max(1.0, expected),
             "the MSE is measured in eval mode",
             "the MSE differs from one measured in eval mode (with the running averages)",
             expected=expected, got=got)
    c.expect(model.training and all(m.training for m in model.modules()),
             "the model is back in training mode",
             "after measuring, the model must be in training mode again: call model.train() "
             "before you return")
    alone = c.call(model, X_val[:2], y_val[:2], name="validation_mse on 2 rows")
    c.expect(abs(alone - c.ref(reference, X_val[:2], y_val[:2])) < 1e-4 * max(1.0, alone),
             "a small batch is measured the same way", "measured on 2 rows, the MSE differs "
             "from the eval-mode one", got=alone)
