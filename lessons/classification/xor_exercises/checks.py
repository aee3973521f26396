"""Checks of the xor exercises (run in the checker's child process)."""

import torch
from torch import nn

LAYERS = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


def check_xor_net(c):
    for name, layer in LAYERS.items():
        model = c.call(name, name=f"xor_net({name!r})")
        c.expect(
            isinstance(model, nn.Sequential),
            f"{name}: an nn.Sequential",
            "return an nn.Sequential of the three layers",
            got=type(model).__name__,
        )
        kinds = [type(m).__name__ for m in model]
        c.expect(
            len(model) == 3 and isinstance(model[0], nn.Linear) and isinstance(model[2], nn.Linear),
            f"{name}: Linear, activation, Linear",
            "the layers are nn.Linear(2, 4), the activation, nn.Linear(4, 2): the activation "
            "goes between the two Linear layers",
            expected="Linear, " + layer.__name__ + ", Linear",
            got=", ".join(kinds),
        )
        c.expect(
            isinstance(model[1], layer),
            f"{name}: the activation is nn.{layer.__name__}",
            f"xor_net({name!r}) should put nn.{layer.__name__}() between the layers",
            got=kinds[1],
        )
        sizes = [(m.in_features, m.out_features) for m in (model[0], model[2])]
        c.expect(
            sizes == [(2, 4), (4, 2)],
            f"{name}: 2 inputs, 4 hidden units, 2 scores",
            "the sizes are Linear(2, 4) and Linear(4, 2)",
            expected=[(2, 4), (4, 2)],
            got=sizes,
        )
        count = sum(p.numel() for p in model.parameters())
        c.expect(
            count == 22,
            f"{name}: 22 parameters",
            "a 2-4-2 network has 2·4 + 4 + 4·2 + 2 = 22 parameters: are both layers' biases there?",
            expected=22,
            got=count,
        )
        scores = model(torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]))
        c.expect(
            scores.shape == (3, 2),
            f"{name}: 3 points give [3, 2] scores",
            "three points should give three rows of two scores",
            got=list(scores.shape),
        )


def check_fix_sampling(c):
    for n in (10, 1000):
        rows = c.call(n, torch.Generator().manual_seed(0), name=f"epoch_rows({n}, generator)")
        c.expect(
            isinstance(rows, torch.Tensor) and rows.shape == (n,),
            f"{n} rows: n row numbers",
            f"return a 1-D tensor of {n} row numbers",
            got=rows,
        )
        counts = torch.bincount(rows.long(), minlength=n) if rows.min() >= 0 else None
        missing = int((counts == 0).sum()) if counts is not None else n
        c.expect(
            counts is not None and len(counts) == n and bool((counts == 1).all()),
            f"{n} rows: every row exactly once",
            "every row should appear exactly once per epoch: drawing with replacement "
            "repeats some rows and leaves others out",
            expected="each of 0 … n − 1 once",
            got=f"{missing} rows never drawn",
        )
        c.expect(
            not torch.equal(rows, torch.arange(n)),
            f"{n} rows: shuffled",
            "the rows come in their stored order: shuffle them with the generator",
        )
    a = c.call(100, torch.Generator().manual_seed(7), name="epoch_rows(100) with seed 7, twice")
    b = c.call(100, torch.Generator().manual_seed(7), name="epoch_rows(100) with seed 7, twice")
    other = c.call(100, torch.Generator().manual_seed(8), name="epoch_rows(100) with seed 8")
    c.expect(
        torch.equal(a, b) and not torch.equal(a, other),
        "the generator decides the order",
        "the same seed should give the same order and another seed another: pass "
        "generator=generator to the random function",
    )
