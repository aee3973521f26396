# expect: the labels no longer belong to their rows
import torch


def train_test_split(X, y, test_fraction, seed):
    g = torch.Generator().manual_seed(seed)
    X, y = X[torch.randperm(len(X), generator=g)], y[torch.randperm(len(y), generator=g)]
    n_test = round(len(X) * test_fraction)
    return X[n_test:], X[:n_test], y[n_test:], y[:n_test]
