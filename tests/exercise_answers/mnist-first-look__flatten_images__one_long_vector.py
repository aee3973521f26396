# expect: the shape is [784]; it should be [1, 784]
import torch


def flatten_images(images):
    return images.reshape(-1).to(torch.float32) / 255
