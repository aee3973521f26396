"""read_digit: one uint8 image through a trained model.

The model was trained on batches of float32 images with values in 0..1, shaped [N, 28, 28],
and returns 10 scores per image, shape [N, 10]. Your drawing arrives as one uint8 image
[28, 28] with values 0..255, like a digit straight from the MNIST file.

Write read_digit(model, image):
  1. make the image look like a training batch: float32 values in 0..1, shape [1, 28, 28]
  2. run the model inside torch.no_grad()
  3. turn the scores into probabilities with softmax
Return a tuple (digit, probabilities): the most probable digit as a Python int, and the
10 probabilities as a float32 tensor of shape [10]. Do not change image.

Check it with:  tutor check your-own-digit/read_digit
"""

import torch


def read_digit(model, image):
    raise NotImplementedError
