# expect: your code raised TypeError: object of type 'PointsDataset' has no len()
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, X, y):
        self.X, self.y = X, y

    def __getitem__(self, i):
        return self.X[i], self.y[i]
