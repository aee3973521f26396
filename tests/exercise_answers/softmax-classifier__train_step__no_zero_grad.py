# expect: do you call optimizer.zero_grad() before loss.backward()?
import torch
from torch.nn import functional as F


def train_step(model, images, labels, optimizer):
    scores = model(images)
    loss = F.cross_entropy(scores, labels)
    loss.backward()
    optimizer.step()
    accuracy = (scores.argmax(dim=1) == labels).float().mean().item()
    return loss.item(), accuracy
