# expect: the shape is [2]; it should be [2, 1]
def squared_distances(a, b):
    return ((a - b) ** 2).sum(dim=-1)
