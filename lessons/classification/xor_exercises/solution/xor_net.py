"""xor_net: a 2-4-2 network with a hidden activation."""

from torch import nn

ACTIVATIONS = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


def xor_net(activation):
    return nn.Sequential(
        nn.Linear(2, 4),  # 2·4 weights + 4 biases = 12
        ACTIVATIONS[activation](),  # no parameters
        nn.Linear(4, 2),
    )  # 4·2 weights + 2 biases = 10
