"""Checks of the dataloaders exercises (run in the checker's child process)."""

import torch
from torch.utils.data import DataLoader


def check_points_dataset(c):
    g = torch.Generator().manual_seed(0)
    X, y = torch.randn(10, 3, generator=g), torch.randint(0, 2, (10,), generator=g)
    data = c.call(X, y, name="PointsDataset(X [10, 3], y [10])")
    n = c.call(fn=lambda: len(data), name="len(dataset)")
    c.expect(
        n == 10,
        "len(dataset) is the number of points",
        "len(dataset) should be 10, the number of points (len(self.y)), not the number of features",
        got=n,
    )
    item = c.call(fn=lambda: data[3], name="dataset[3]")
    c.expect(
        isinstance(item, (tuple, list)) and len(item) == 2,
        "dataset[3] is a pair",
        "dataset[i] should be the pair (X[i], y[i])",
        got=item,
    )
    c.expect(
        torch.equal(item[0], X[3]) and torch.equal(item[1], y[3]),
        "dataset[3] is (X[3], y[3])",
        "dataset[3] should be the point X[3] with its label y[3]",
        expected=(X[3], y[3]),
        got=item,
    )
    batches = c.call(
        fn=lambda: list(DataLoader(data, batch_size=4)), name="DataLoader(dataset, batch_size=4)"
    )
    shapes = [(tuple(bx.shape), tuple(by.shape)) for bx, by in batches]
    c.expect(
        shapes == [((4, 3), (4,)), ((4, 3), (4,)), ((2, 3), (2,))],
        "a DataLoader batches it: [4, 3] points with [4] labels, then the last 2",
        "a DataLoader over your dataset should give batches of [4, 3] points and [4] labels",
        expected="[4, 3] + [4], [4, 3] + [4], [2, 3] + [2]",
        got=str(shapes),
    )
