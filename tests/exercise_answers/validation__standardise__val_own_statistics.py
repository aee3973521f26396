# expect: the validation rows must be scaled with the TRAINING rows' mean and std
def standardise(X_train, X_val):
    train = (X_train - X_train.mean(dim=0)) / X_train.std(dim=0)
    val = (X_val - X_val.mean(dim=0)) / X_val.std(dim=0)
    return train, val
