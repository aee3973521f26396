"""train_step: one step of the ten-class network, on raw scores.

Write train_step(model, images, labels, optimizer) for a classifier whose model maps
images [N, features] (float32) to ten raw scores per row, [N, 10] (logits: no softmax at
the end). labels is an int64 tensor [N] of class numbers 0-9.

One full-batch step, as the lesson trains: the scores of all the images, the mean
cross-entropy with F.cross_entropy (it applies softmax itself: pass it the raw scores),
optimizer.zero_grad(), loss.backward(), optimizer.step().

Return (loss, accuracy), two Python floats from this step's forward pass (before the
update): loss.item(), and the share of rows whose predicted class (the column of the
largest score) is the label.

Check it with:  tutor check softmax-classifier/train_step
"""

import torch
from torch.nn import functional as F


def train_step(model, images, labels, optimizer):
    raise NotImplementedError
