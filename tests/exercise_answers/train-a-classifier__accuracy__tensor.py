# expect: return a Python float
def accuracy(scores, y):
    return (scores.argmax(dim=1) == y).float().mean()
