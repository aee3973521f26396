"""confusion_matrix: where the classifier's mistakes are, counted by hand."""

import torch


def confusion_matrix(labels, predicted):
    counts = torch.zeros(10, 10, dtype=torch.int64)
    for t, p in zip(labels.tolist(), predicted.tolist()):
        counts[t, p] += 1  # row: the true digit; column: the prediction
    return counts
