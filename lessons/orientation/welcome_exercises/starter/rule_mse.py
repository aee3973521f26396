"""rule_mse: how far off is a rule written by hand?

A rule written by hand: mpg = a + b · weight / 1000 (weight in pounds, so b is the change in
miles per gallon for every 1000 lb more).

Write rule_mse(weight, mpg, a, b):
  weight, mpg   1-D float32 tensors of the same length, one entry per car
  a, b          Python floats
Return the mean squared error of the rule over the cars, as a Python float: the mean of
(prediction - mpg) ** 2. Do not use nn.MSELoss or F.mse_loss.

Check it with:  tutor check welcome/rule_mse
"""

import torch


def rule_mse(weight, mpg, a, b):
    raise NotImplementedError
