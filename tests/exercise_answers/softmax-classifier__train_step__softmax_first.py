# expect: F.cross_entropy takes raw scores and applies softmax itself
import torch
from torch.nn import functional as F


def train_step(model, images, labels, optimizer):
    scores = model(images)
    probabilities = scores.softmax(dim=1)
    loss = F.cross_entropy(probabilities, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    accuracy = (probabilities.argmax(dim=1) == labels).float().mean().item()
    return loss.item(), accuracy
