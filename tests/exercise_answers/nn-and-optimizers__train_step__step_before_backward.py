# expect: is opt.step() called after loss.backward()?
import torch.nn.functional as F


def train_step(model, X, y, opt):
    loss = F.mse_loss(model(X), y)
    opt.zero_grad()
    opt.step()
    loss.backward()
    return loss.item()
