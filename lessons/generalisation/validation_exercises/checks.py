"""Checks of the validation exercises (run in the checker's child process)."""

import torch


def check_standardise(c):
    g = torch.Generator().manual_seed(0)
    X_train = torch.randn(40, 3, generator=g) * torch.tensor([1.0, 10.0, 100.0]) + 5
    X_val = torch.randn(12, 3, generator=g) * 50 - 20  # quite unlike the training rows
    got = c.call(X_train, X_val, name="standardise(X_train [40, 3], X_val [12, 3])")
    expected = c.ref(X_train, X_val)
    c.expect(
        isinstance(got, (tuple, list)) and len(got) == 2,
        "returns the pair (train, val)",
        "return two tensors: the standardised X_train and X_val",
        got=got,
    )
    c.expect(
        isinstance(got[0], torch.Tensor)
        and got[0].shape == (40, 3)
        and torch.allclose(got[0], expected[0], atol=1e-5),
        "each training column has mean 0 and std 1",
        "the training rows are not (X_train - mean) / std with one mean and std per column "
        "(dim=0) of X_train",
        expected=expected[0],
        got=got[0],
    )
    c.expect(
        isinstance(got[1], torch.Tensor)
        and got[1].shape == (12, 3)
        and torch.allclose(got[1], expected[1], atol=1e-5),
        "the validation rows use the training mean and std",
        "the validation rows must be scaled with the TRAINING rows' mean and std, not "
        "their own and not those of all rows together",
        expected=expected[1],
        got=got[1],
    )
    for n_train, n_val, f in [(10, 5, 1), (30, 8, 6)]:
        c.same(torch.randn(n_train, f, generator=g) * 3 + 1, torch.randn(n_val, f, generator=g), atol=1e-5)
