"""relu_net: a hidden ReLU layer's forward pass by hand.

Write relu_net(x, W1, b1, W2, b2) for
  x    [n, d]  n inputs of d features          W1 [d, h], b1 [h]   the hidden layer
                                               W2 [h, k], b2 [k]   the output layer
Return the [n, k] outputs: the hidden layer x @ W1 + b1, then ReLU (negative entries become 0),
then the output layer applied to that. The output layer has no ReLU: outputs may be negative.
Use torch operations only: no nn.Linear, nn.Sequential or nn.ReLU.

Without the ReLU, two layers collapse into one straight line; with it, the line can bend.

Check it with:  tutor check nonlinearity/relu_net
"""

import torch


def relu_net(x, W1, b1, W2, b2):
    raise NotImplementedError
