# expect: the shape is [5, 5]; it should be [10, 10]
import torch


def confusion_matrix(labels, predicted):
    n = int(labels.max()) + 1 if len(labels) else 10  # the digits that occur
    counts = torch.zeros(n, n, dtype=torch.int64)
    for t, p in zip(labels.tolist(), predicted.tolist()):
        counts[t, p] += 1
    return counts
