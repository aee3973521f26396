# expect: some rows appear twice and some not at all
import torch


def train_test_split(X, y, test_fraction, seed):
    g = torch.Generator().manual_seed(seed)
    order = torch.randint(0, len(X), (len(X),), generator=g)
    n_test = round(len(X) * test_fraction)
    return X[order[n_test:]], X[order[:n_test]], y[order[n_test:]], y[order[:n_test]]
