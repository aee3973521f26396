"""flatten_images: [N, 28, 28] bytes to [N, 784] floats in [0, 1].

The lesson's network takes each image as one vector of 28 · 28 = 784 numbers.

Write flatten_images(images) for a uint8 tensor of shape [N, 28, 28] (N digit images, each
pixel 0 to 255). Return a float32 tensor of shape [N, 784]:
  - each image becomes one row, its 28 pixel rows one after the other (row by row)
  - every value is divided by 255, so it lies between 0.0 and 1.0
Do not change images.

Check it with:  tutor check mnist-first-look/flatten_images
"""

import torch


def flatten_images(images):
    raise NotImplementedError
