# expect: uses `mse_loss`
import torch.nn.functional as F


def mse(y_pred, y):
    return F.mse_loss(y_pred, y)
