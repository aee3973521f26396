"""train_test_split: keep some wines back.

The wine data comes sorted by class: 59 wines of class 0, then 71 of class 1. Write
train_test_split(X, y, test_fraction, seed) for X of shape [n, features] and y of shape [n]:
  - shuffle the row numbers with a random generator seeded by seed (the same seed gives
    the same split; another seed, another split),
  - keep n_test = round(n * test_fraction) rows as the test set and the rest for training,
  - return X_train, X_test, y_train, y_test.
Every row must land in exactly one of the two sets, and each row of X must keep its label.

Check it with:  tutor check logistic-regression/train_test_split
"""

import torch


def train_test_split(X, y, test_fraction, seed):
    raise NotImplementedError
