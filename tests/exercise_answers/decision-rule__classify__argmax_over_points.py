# expect: item 1: the shape is [2]; it should be [1]
def classify(X, W):
    scores = X @ W
    return scores, scores.argmax(dim=0)
