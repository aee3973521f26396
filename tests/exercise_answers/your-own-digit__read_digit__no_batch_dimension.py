# expect: mat1 and mat2 shapes cannot be multiplied
import torch


def read_digit(model, image):
    with torch.no_grad():
        probabilities = model(image.float() / 255).softmax(dim=1)[0]
    return probabilities.argmax().item(), probabilities
