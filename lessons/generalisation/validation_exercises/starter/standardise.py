"""standardise: scale with the training rows' statistics only.

Write standardise(X_train, X_val) for two float tensors with the same columns, X_train of
shape [n_train, features] and X_val of shape [n_val, features]. Compute the mean and the
standard deviation (torch's default, .std()) of each column over the TRAINING rows only, and
return (X_train - mean) / std and (X_val - mean) / std, as a pair.

Check it with:  tutor check validation/standardise
"""

import torch


def standardise(X_train, X_val):
    raise NotImplementedError
