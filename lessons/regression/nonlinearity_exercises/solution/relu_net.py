"""relu_net: a hidden ReLU layer's forward pass by hand."""

import torch


def relu_net(x, W1, b1, W2, b2):
    hidden = torch.relu(x @ W1 + b1)  # [n, h]: the bends
    return hidden @ W2 + b2  # [n, k]: no ReLU on the output
