# expect: do you call opt.zero_grad() before loss.backward()?
import torch.nn.functional as F


def train_step(model, X, y, opt):
    loss = F.mse_loss(model(X), y)
    loss.backward()
    opt.step()
    return loss.item()
