"""Your own Dataset: __len__ and __getitem__."""

from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, X, y):
        self.X, self.y = X, y

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.X[i], self.y[i]
