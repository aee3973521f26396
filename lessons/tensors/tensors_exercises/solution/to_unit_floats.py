"""to_unit_floats: bytes to floats in [0, 1]."""

import torch


def to_unit_floats(images):
    return images.to(torch.float32) / 255
