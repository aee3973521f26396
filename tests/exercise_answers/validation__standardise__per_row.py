# expect: with one mean and std per column (dim=0) of X_train
def standardise(X_train, X_val):
    mean, std = X_train.mean(dim=1, keepdim=True), X_train.std(dim=1, keepdim=True)
    return (X_train - mean) / std, (X_val - X_val.mean(dim=1, keepdim=True)) / X_val.std(dim=1, keepdim=True)
