# expect: your weights differ from a correct loop's
import torch
import torch.nn.functional as F


def fit(model, X, y, epochs, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    opt.zero_grad()
    losses = []
    for epoch in range(epochs):
        loss = F.mse_loss(model(X), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses
