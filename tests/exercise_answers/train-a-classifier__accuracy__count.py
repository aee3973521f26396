# expect: got 3, expected 0.75
def accuracy(scores, y):
    return (scores.argmax(dim=1) == y).sum().item()
