# expect: run the model inside torch.no_grad()
import torch


def read_digit(model, image):
    probabilities = model((image.float() / 255).unsqueeze(0)).softmax(dim=1)[0]
    return probabilities.argmax().item(), probabilities
