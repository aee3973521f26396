# expect: item 1:
import torch


def read_digit(model, image):
    with torch.no_grad():
        probabilities = model(image.float().unsqueeze(0)).softmax(dim=1)[0]
    return probabilities.argmax().item(), probabilities
