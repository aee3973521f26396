# expect: len(dataset) should be 10
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, X, y):
        self.X, self.y = X, y

    def __len__(self):
        return self.X.shape[1]

    def __getitem__(self, i):
        return self.X[i], self.y[i]
