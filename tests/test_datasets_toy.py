"""The toy problems of lessons.datasets follow aiaioo's generation rules on every row."""

import numpy as np
import pytest

from lessons import datasets


@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_toy1_rule_holds_on_every_row(seed):
    X, y = datasets.toy(1, n=2000, seed=seed)
    assert X.shape == (2000, 2) and X.dtype == np.float32 and y.dtype == np.int64
    f1, f2 = X.T
    assert np.all(f1 != f2), "ties are broken by f2 += 1"
    assert np.all(y == (f1 < f2))
    assert np.all(X == np.round(X)), "features are integers"
    assert f1.min() >= -100 and f1.max() <= 100
    assert f2.min() >= -100 and f2.max() <= 101


@pytest.mark.parametrize("seed", [0, 7])
def test_toy2_rule_holds_on_every_row(seed):
    X, y = datasets.toy("f1<f2+f3", n=2000, seed=seed)
    assert X.shape == (2000, 3)
    f1, f2, f3 = X.T
    assert np.all(y == (f1 < f2 + f3))
    margin = np.abs(f1 - (f2 + f3))
    assert margin.min() >= 1 and margin.max() <= 100
    assert f2.min() >= -100 and f2.max() <= 100 and f3.min() >= -100 and f3.max() <= 100


@pytest.mark.parametrize("seed", [0, 3])
def test_toy3_xor_rule_holds_on_every_row(seed):
    X, y = datasets.toy("xor", n=2000, seed=seed)
    f1, f2 = X.T
    assert np.all(y == np.where(f1 * f2 > 0, 0, 1)), "same sign → 0; opposite sign or a zero → 1"
    assert np.all(f1 != f2)


@pytest.mark.parametrize("problem", [1, 2, 3])
def test_classes_roughly_balanced(problem):
    _, y = datasets.toy(problem, n=1000, seed=0)
    assert 0.44 <= y.mean() <= 0.56  # the course's files: 0.477–0.522


def test_names_and_numbers_are_the_same_problem():
    for number, name in datasets.TOY_PROBLEMS.items():
        a, b = datasets.toy(number, n=50, seed=5), datasets.toy(name, n=50, seed=5)
        assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    with pytest.raises(ValueError, match="no toy problem"):
        datasets.toy(4)


def test_seeded_and_repeatable():
    a, b = datasets.toy(3, seed=1), datasets.toy(3, seed=1)
    assert np.array_equal(a[0], b[0])
    assert not np.array_equal(a[0], datasets.toy(3, seed=2)[0])


def test_split_has_distinct_train_and_test_draws():
    X_train, y_train, X_test, y_test = datasets.toy_split("xor", seed=0)
    assert X_train.shape == X_test.shape == (1000, 2) and len(y_train) == len(y_test) == 1000
    assert not np.array_equal(X_train, X_test)
    X2_train = datasets.toy_split("xor", seed=1)[0]
    assert not np.array_equal(X_train, X2_train)
    assert np.array_equal(X_train, datasets.toy_split(3, seed=0)[0])
