"""xor_net: a 2-4-2 network with a hidden activation.

Write xor_net(activation), where activation is "relu", "sigmoid" or "tanh", returning

    nn.Sequential(nn.Linear(2, 4), <the activation layer>, nn.Linear(4, 2))

two inputs (f1, f2), four hidden units, two scores (one per class), with biases. Before you
check, count its parameters by hand: every weight and every bias is one. The check expects 22.

Check it with:  tutor check xor/xor_net
"""

import torch
from torch import nn


def xor_net(activation):
    raise NotImplementedError
