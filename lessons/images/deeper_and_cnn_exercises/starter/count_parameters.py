"""count_parameters: how many numbers a model learns.

Write count_parameters(model): the total number of trainable numbers in an nn.Module, that is
the sum of p.numel() over its parameters p that require gradients (a frozen parameter, with
requires_grad=False, is not trained). Return a Python int. nn.Linear(784, 10) has
784 × 10 weights + 10 biases = 7,850; LeNet-5 has 61,706.

Check it with:  tutor check deeper-and-cnn/count_parameters
"""

import torch


def count_parameters(model):
    raise NotImplementedError
