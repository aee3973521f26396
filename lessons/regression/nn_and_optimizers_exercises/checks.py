"""Checks of the nn-and-optimizers exercises (run in the checker's child process)."""

import copy

import torch
from torch import nn

ZERO_GRAD = (
    "do you call opt.zero_grad() before loss.backward()? Without it each step adds "
    "its gradient to those of the steps before"
)


def _line_data(n=64, features=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, features, generator=g)
    w = torch.tensor([[1.5], [-2.0], [0.5]])[:features]
    return X, X @ w + 0.3


def _same_weights(a, b):
    return all(torch.allclose(p, q, atol=1e-5) for p, q in zip(a.parameters(), b.parameters()))


def _weights(model):
    return ", ".join(
        f"{name} [" + ", ".join(f"{v:.4g}" for v in p.detach().flatten()[:4].tolist()) + "]"
        for name, p in model.named_parameters()
    )


def check_linear_regression_model(c):
    Model = c.fn
    c.expect(
        isinstance(Model, type) and issubclass(Model, nn.Module),
        "LinearRegressionModel is a subclass of nn.Module",
        "LinearRegressionModel must be a class that subclasses nn.Module: "
        "class LinearRegressionModel(nn.Module):",
    )
    torch.manual_seed(0)
    model = c.call(name="LinearRegressionModel()")
    params = dict(model.named_parameters())
    shapes = ", ".join(f"{k} {list(p.shape)}" for k, p in params.items()) or "none"
    c.expect(
        set(params) == {"weights", "bias"} and all(p.shape == (1,) for p in params.values()),
        "two parameters, weights and bias, each of shape [1]",
        "model.named_parameters() should give exactly weights [1] and bias [1]; wrap each "
        "tensor in nn.Parameter and name them self.weights and self.bias",
        got=f"parameters: {shapes}",
    )
    x = torch.arange(0, 1, 0.1).unsqueeze(1)
    got = c.call(x, fn=model, name="model(x) for x of shape [10, 1]")
    expected = model.weights.detach() * x + model.bias.detach()
    c.expect(
        isinstance(got, torch.Tensor)
        and got.shape == expected.shape
        and torch.allclose(got.detach(), expected),
        "model(x) = weights * x + bias",
        "model(x) should be self.weights * x + self.bias",
        expected=expected,
        got=got,
    )
    X = torch.arange(0, 1, 0.02).unsqueeze(1)
    y = 0.7 * X + 0.3
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(1000):
        loss = nn.functional.mse_loss(c.call(X, fn=model, name="training the model"), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    c.expect(
        abs(model.weights.item() - 0.7) < 0.05 and abs(model.bias.item() - 0.3) < 0.05,
        "SGD trains it to y = 0.7 x + 0.3",
        "after 1000 steps of SGD the model is not near weights 0.7, bias 0.3",
        expected="weights 0.7, bias 0.3",
        got=_weights(model),
    )


def check_train_step(c):
    X, y = _line_data()
    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    ref_model = copy.deepcopy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    ref_opt = torch.optim.SGD(ref_model.parameters(), lr=0.05)
    for step in range(1, 4):
        got = c.call(model, X, y, opt, name=f"train_step, step {step}")
        expected = c.ref(ref_model, X, y, ref_opt)
        c.expect(
            isinstance(got, float),
            f"step {step} returns the loss as a Python float",
            "return loss.item(), a Python float, not the loss tensor",
            got=got,
        )
        c.expect(
            abs(got - expected) < 1e-4,
            f"step {step} returns this step's loss",
            "the loss you return is not the mean squared error of this step's forward pass",
            expected=expected,
            got=got,
        )
        c.expect(
            _same_weights(model, ref_model),
            f"after step {step} the weights are right",
            f"after step {step} your weights differ from a correct step's: {ZERO_GRAD}"
            if step > 1
            else "after one step your weights differ from a correct step's: "
            "is opt.step() called after loss.backward()?",
            expected=_weights(ref_model),
            got=_weights(model),
        )
    torch.manual_seed(1)
    model = nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    first = c.call(model, X, y, opt, name="train_step, 200 steps")
    for _ in range(199):
        last = c.call(model, X, y, opt, name="train_step, 200 steps")
    c.expect(
        last <= first / 10,
        "the loss falls 10× in 200 steps",
        "the loss did not fall 10× in 200 steps",
        expected=f"at most {first / 10:.4g}",
        got=f"{first:.4g} → {last:.4g}",
    )


def check_fix_zero_grad(c):
    X, y = _line_data(seed=2)
    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    ref_model = copy.deepcopy(model)
    got = c.call(model, X, y, 30, 0.05, name="fit(model, X, y, epochs=30, lr=0.05)")
    expected = c.ref(ref_model, X, y, 30, 0.05)
    c.expect(
        isinstance(got, list) and len(got) == 30,
        "fit returns the 30 losses",
        "fit should return a list with the loss of each epoch",
        got=got,
    )
    c.expect(
        _same_weights(model, ref_model),
        "after 30 epochs the weights are right",
        f"after 30 epochs your weights differ from a correct loop's: {ZERO_GRAD}",
        expected=_weights(ref_model),
        got=_weights(model),
    )
    c.expect(
        max(abs(a - b) for a, b in zip(got, expected)) < 1e-4,
        "the losses are right",
        "the losses you return differ from a correct loop's",
        expected=expected[-3:],
        got=got[-3:],
    )
