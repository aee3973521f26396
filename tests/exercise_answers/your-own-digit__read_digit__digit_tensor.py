# expect: return the digit as a Python int
import torch


def read_digit(model, image):
    with torch.no_grad():
        probabilities = model((image.float() / 255).unsqueeze(0)).softmax(dim=1)[0]
    return probabilities.argmax(), probabilities
