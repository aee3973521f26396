# expect: got 0, expected -1
import torch


def relu_net(x, W1, b1, W2, b2):
    return torch.relu(torch.relu(x @ W1 + b1) @ W2 + b2)
