# expect: write the layers with tensor operations
import torch
from torch import nn


def relu_net(x, W1, b1, W2, b2):
    return nn.functional.linear(torch.relu(nn.functional.linear(x, W1.T, b1)), W2.T, b2)
