# expect: values differ
import torch.nn.functional as F


def batch_loss(scores, targets):
    return F.nll_loss(scores, targets)
