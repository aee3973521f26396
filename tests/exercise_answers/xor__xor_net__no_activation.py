# expect: the activation goes between the two Linear layers
from torch import nn


def xor_net(activation):
    return nn.Sequential(nn.Linear(2, 4), nn.Linear(4, 2))
