# expect: xor_net('sigmoid') should put nn.Sigmoid()
from torch import nn


def xor_net(activation):
    return nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 2))
