# expect: yours has them the other way round
import torch


def confusion_matrix(labels, predicted):
    counts = torch.zeros(10, 10, dtype=torch.int64)
    for t, p in zip(labels.tolist(), predicted.tolist()):
        counts[p, t] += 1
    return counts
