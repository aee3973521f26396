# expect: got 0.2, expected 1
import torch


def flatten_images(images):
    return images.transpose(1, 2).reshape(len(images), 784).to(torch.float32) / 255
