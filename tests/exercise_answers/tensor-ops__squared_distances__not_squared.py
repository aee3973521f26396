# expect: values differ
def squared_distances(a, b):
    return (a[:, None, :] - b[None, :, :]).abs().sum(dim=-1)
