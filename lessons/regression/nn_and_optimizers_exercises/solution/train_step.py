"""train_step: forward, loss, zero_grad, backward, step."""

import torch.nn.functional as F


def train_step(model, X, y, opt):
    y_pred = model(X)  # 1. forward
    loss = F.mse_loss(y_pred, y)  # 2. loss
    opt.zero_grad()  # 3. clear the last step's gradients
    loss.backward()  # 4. gradients of the loss
    opt.step()  # 5. update the parameters
    return loss.item()
