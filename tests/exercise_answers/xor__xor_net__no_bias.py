# expect: are both layers' biases there?
from torch import nn

ACTIVATIONS = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


def xor_net(activation):
    return nn.Sequential(nn.Linear(2, 4, bias=False), ACTIVATIONS[activation](),
                         nn.Linear(4, 2, bias=False))
