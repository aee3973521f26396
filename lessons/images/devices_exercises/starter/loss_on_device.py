"""loss_on_device: the model and the batch on one device.

Write loss_on_device(model, X, y, device):
  model    an nn.Module giving class scores, e.g. [N, 10] for [N, 784] inputs
  X, y     a batch: inputs [N, ...] and class labels [N] (int64)
  device   a device string: "cpu", "cuda", "mps", ...
Move the model, X and y to the device with .to(device), compute
torch.nn.functional.cross_entropy(model(X), y) there, and return the loss as a Python float.
The same code must work for any device string: write the device nowhere else.

Check it with:  tutor check devices/loss_on_device
"""

import torch
import torch.nn.functional as F


def loss_on_device(model, X, y, device):
    raise NotImplementedError
