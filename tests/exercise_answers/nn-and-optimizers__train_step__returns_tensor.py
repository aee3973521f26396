# expect: return loss.item(), a Python float
import torch.nn.functional as F


def train_step(model, X, y, opt):
    loss = F.mse_loss(model(X), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss
