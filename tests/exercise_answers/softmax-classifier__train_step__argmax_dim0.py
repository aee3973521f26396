# expect: predicted = scores.argmax(dim=1), one class per row
import torch
from torch.nn import functional as F


def train_step(model, images, labels, optimizer):
    scores = model(images)
    loss = F.cross_entropy(scores, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    accuracy = (scores.argmax(dim=0) == labels).float().mean().item()
    return loss.item(), accuracy
