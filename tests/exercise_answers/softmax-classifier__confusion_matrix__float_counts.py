# expect: counts are whole numbers: make the tensor with dtype=torch.int64
import torch


def confusion_matrix(labels, predicted):
    counts = torch.zeros(10, 10)
    for t, p in zip(labels.tolist(), predicted.tolist()):
        counts[t, p] += 1
    return counts
