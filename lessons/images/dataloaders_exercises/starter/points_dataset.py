"""Your own Dataset: __len__ and __getitem__.

Write the class PointsDataset, a subclass of torch.utils.data.Dataset, for points X (a float
tensor [n, features]) and labels y (an int64 tensor [n]):
  PointsDataset(X, y)   keeps both
  len(dataset)          is n, the number of points
  dataset[i]            is the pair (X[i], y[i]): one point and its label
A DataLoader then makes batches from it: DataLoader(PointsDataset(X, y), batch_size=4)
yields pairs of a [4, features] tensor and a [4] tensor.

Check it with:  tutor check dataloaders/points_dataset
"""

import torch
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, X, y):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError

    def __getitem__(self, i):
        raise NotImplementedError
