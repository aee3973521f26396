"""train_test_split: keep some wines back."""

import torch


def train_test_split(X, y, test_fraction, seed):
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    n_test = round(len(X) * test_fraction)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
