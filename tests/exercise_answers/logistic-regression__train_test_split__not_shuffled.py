# expect: the test rows are the first or the last rows in order
def train_test_split(X, y, test_fraction, seed):
    n_test = round(len(X) * test_fraction)
    return X[n_test:], X[:n_test], y[n_test:], y[:n_test]
