"""standardise: scale with the training rows' statistics only."""


def standardise(X_train, X_val):
    mean, std = X_train.mean(dim=0), X_train.std(dim=0)  # one per column, training rows only
    return (X_train - mean) / std, (X_val - mean) / std
