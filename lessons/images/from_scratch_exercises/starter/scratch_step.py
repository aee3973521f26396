"""scratch_step: forward and SGD update with raw tensors (Chollet, chapter 2).

A linear classifier without nn: its weights are two plain tensors that require gradients,
W [features, classes] and b [classes].

Write scratch_step(x, y, W, b, lr), for a batch x [N, features] with labels y [N] (int64):
  1. forward: scores = x @ W + b, loss = F.cross_entropy(scores, y)
  2. backward: loss.backward() fills W.grad and b.grad
  3. update, in place and without autograd watching: W -= lr * W.grad, the same for b
  4. clear the gradients (W.grad = None, b.grad = None) so the next step starts from zero
Return the loss computed in step 1 as a Python float. The caller keeps using the same W and
b, so they must be changed in place. No nn.Linear and no torch.optim.

Check it with:  tutor check from-scratch/scratch_step
"""

import torch
import torch.nn.functional as F


def scratch_step(x, y, W, b, lr):
    raise NotImplementedError
