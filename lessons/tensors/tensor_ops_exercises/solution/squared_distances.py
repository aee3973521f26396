"""squared_distances: a table of distances with no loop."""


def squared_distances(a, b):
    differences = a[:, None, :] - b[None, :, :]  # [n, 1, d] - [1, m, d] -> [n, m, d]
    return (differences**2).sum(dim=-1)
