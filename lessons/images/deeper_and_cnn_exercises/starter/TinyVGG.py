"""TinyVGG: two conv blocks and a classifier (learnpytorch 03, after CNN Explainer).

Write the class TinyVGG(nn.Module) with __init__(self, input_shape, hidden_units,
output_shape) and forward(self, x), for images x of shape [N, input_shape, 28, 28]:

    block 1   Conv2d(input_shape, hidden_units, kernel_size=3, stride=1, padding=1), ReLU,
              Conv2d(hidden_units, hidden_units, 3, 1, 1), ReLU, MaxPool2d(2)
    block 2   the same, from hidden_units to hidden_units channels
    classifier  Flatten, then Linear(<the flattened size>, output_shape)

forward returns the [N, output_shape] scores. Work out the flattened size from the shapes:
what does padding=1 do to a 28×28 map, and what does each MaxPool2d(2) do? Then count the
parameters of TinyVGG(1, 10, 10) by hand: the check expects 7,740.

Check it with:  tutor check deeper-and-cnn/TinyVGG
"""

import torch
from torch import nn


class TinyVGG(nn.Module):
    def __init__(self, input_shape, hidden_units, output_shape):
        super().__init__()
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError
