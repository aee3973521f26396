# expect: got 255, expected 1
import torch


def flatten_images(images):
    return images.reshape(len(images), 784).to(torch.float32)
