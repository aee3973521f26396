"""Checks of the logistic-regression exercises (run in the checker's child process)."""

import torch


def _wines(n=130, class0=59):
    """Rows sorted by class like the wine data; column 0 holds the row's number, so a row can
    be recognised wherever it lands."""
    g = torch.Generator().manual_seed(0)
    X = torch.randn(n, 2, generator=g)
    X[:, 0] = torch.arange(n, dtype=torch.float32)
    y = (torch.arange(n) >= class0).long()
    return X, y


def _parts(c, X, y, fraction, seed):
    got = c.call(X, y, fraction, seed, name=f"train_test_split(X [130, 2], y, {fraction}, seed={seed})")
    c.expect(
        isinstance(got, (tuple, list)) and len(got) == 4,
        "returns X_train, X_test, y_train, y_test",
        "return four tensors: X_train, X_test, y_train, y_test",
        got=got,
    )
    return got


def check_train_test_split(c):
    X, y = _wines()
    X_train, X_test, y_train, y_test = _parts(c, X, y, 0.3, 0)
    n_test = round(130 * 0.3)
    c.expect(
        len(X_test) == n_test
        and len(y_test) == n_test
        and len(X_train) == 130 - n_test
        and len(y_train) == 130 - n_test
        and X_train.shape[1:] == (2,),
        "39 test rows and 91 training rows for test_fraction 0.3",
        "the sizes are wrong: test_fraction 0.3 of 130 rows is 39 test rows, 91 training",
        expected="X_train [91, 2], X_test [39, 2], y_train [91], y_test [39]",
        got=f"X_train {list(X_train.shape)}, X_test {list(X_test.shape)}, "
        f"y_train {list(y_train.shape)}, y_test {list(y_test.shape)}",
    )
    ids = torch.cat([X_train[:, 0], X_test[:, 0]]).long()
    c.expect(
        torch.equal(ids.sort().values, torch.arange(130)),
        "every row lands in exactly one set",
        "some rows appear twice and some not at all: draw the rows without replacement, "
        "with one permutation (torch.randperm), not torch.randint",
        got=f"{130 - len(set(ids.tolist()))} rows missing",
    )
    c.expect(
        torch.equal(y_train, y[X_train[:, 0].long()]) and torch.equal(y_test, y[X_test[:, 0].long()]),
        "each row keeps its own label",
        "the labels no longer belong to their rows: shuffle X and y with the same "
        "permutation (index both with it)",
    )
    test_ids = X_test[:, 0].long()
    in_order = torch.equal(test_ids, torch.arange(n_test)) or torch.equal(
        test_ids, torch.arange(130 - n_test, 130)
    )
    c.expect(
        not in_order and 0 < int(y_test.sum()) < n_test,
        "the test set is a shuffled sample",
        "the test rows are the first or the last rows in order; the wine data is sorted by "
        "class, so shuffle the row numbers first",
        got=f"test rows {test_ids[:6].tolist()}…",
    )
    again = _parts(c, X, y, 0.3, 0)
    c.expect(
        torch.equal(again[1], X_test),
        "the same seed gives the same split",
        "the same seed gave two different splits: seed a generator, "
        "torch.Generator().manual_seed(seed), and pass it to torch.randperm",
    )
    other = _parts(c, X, y, 0.3, 1)
    c.expect(
        not torch.equal(other[1], X_test),
        "another seed gives another split",
        "seeds 0 and 1 gave the same split: the seed must choose the shuffle",
    )
    small = _parts(c, X, y, 0.2, 5)
    c.expect(
        len(small[1]) == 26,
        "test_fraction 0.2 keeps 26 rows back",
        "test_fraction 0.2 of 130 rows should give 26 test rows",
        got=len(small[1]),
    )
