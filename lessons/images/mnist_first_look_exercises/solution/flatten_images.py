"""flatten_images: [N, 28, 28] bytes to [N, 784] floats in [0, 1]."""

import torch


def flatten_images(images):
    vectors = images.reshape(len(images), 784)  # row by row: pixel [r, c] -> entry 28·r + c
    return vectors.to(torch.float32) / 255  # 0..255 -> 0.0..1.0
