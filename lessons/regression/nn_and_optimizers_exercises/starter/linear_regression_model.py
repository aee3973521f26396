"""A module with two nn.Parameter: learnpytorch 01's model_0.

Write the class LinearRegressionModel, a subclass of nn.Module:
  __init__  calls super().__init__(), then makes two parameters, self.weights and self.bias,
            each nn.Parameter(torch.randn(1)) (a tensor of one random number)
  forward   forward(self, x) returns self.weights * x + self.bias

nn.Module finds every nn.Parameter you set as an attribute: model.parameters() then yields
both, and an optimiser can train them.

Check it with:  tutor check nn-and-optimizers/linear_regression_model
"""

import torch
from torch import nn


class LinearRegressionModel(nn.Module):
    def __init__(self):
        super().__init__()
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError
