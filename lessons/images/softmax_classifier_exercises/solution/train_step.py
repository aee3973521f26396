"""train_step: one step of the ten-class network, on raw scores."""

from torch.nn import functional as F


def train_step(model, images, labels, optimizer):
    scores = model(images)  # raw scores: cross_entropy applies softmax itself
    loss = F.cross_entropy(scores, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    predicted = scores.argmax(dim=1)  # one class per row: its largest score
    accuracy = (predicted == labels).float().mean().item()
    return loss.item(), accuracy
