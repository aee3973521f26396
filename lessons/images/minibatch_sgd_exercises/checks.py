"""Checks of the minibatch-sgd exercises (run in the checker's child process)."""

import torch


def _batches(c, n, size, seed):
    got = c.call(
        n,
        size,
        torch.Generator().manual_seed(seed),
        name=f"epoch_batches({n}, {size}, a generator seeded {seed})",
    )
    ok = isinstance(got, (list, tuple)) and all(isinstance(b, torch.Tensor) for b in got)
    c.expect(ok, "returns a list of tensors", "return a list of int64 tensors of row numbers", got=got)
    return list(got)


def check_epoch_batches(c):
    for n, size in [(10, 4), (64, 8), (7, 7), (5, 10)]:
        batches = _batches(c, n, size, seed=n)
        sizes = [len(b) for b in batches]
        want = [size] * (n // size) + ([n % size] if n % size else [])
        c.expect(
            sizes == want,
            f"{n} rows in batches of {size}: sizes {want}",
            f"{n} rows in batches of {size} should give batch sizes {want}",
            got=str(sizes),
        )
        rows = torch.cat(batches).tolist() if batches else []
        c.expect(
            sorted(rows) == list(range(n)),
            f"every one of the {n} rows exactly once",
            "some rows are in two batches and some in none: draw a permutation "
            "(torch.randperm), not n random row numbers (torch.randint)",
            got=f"{n - len(set(rows))} rows never used",
        )
    first = torch.cat(_batches(c, 64, 8, seed=3))
    c.expect(
        not torch.equal(first, torch.arange(64)),
        "the rows are shuffled",
        "the rows come in their original order; shuffle them with the generator",
        got=first,
    )
    again = torch.cat(_batches(c, 64, 8, seed=3))
    c.expect(
        torch.equal(first, again),
        "the same seed gives the same order",
        "two generators seeded alike gave different orders: draw the order with the "
        "generator passed in (torch.randperm(n, generator=generator))",
    )
