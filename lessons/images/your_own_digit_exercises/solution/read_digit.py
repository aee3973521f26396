"""read_digit: one uint8 image through a trained model."""

import torch


def read_digit(model, image):
    x = (image.float() / 255).unsqueeze(0)  # float32 in 0..1, a batch of one: [1, 28, 28]
    with torch.no_grad():
        probabilities = model(x).softmax(dim=1)[0]
    return probabilities.argmax().item(), probabilities
