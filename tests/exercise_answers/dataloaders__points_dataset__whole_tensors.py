# expect: dataset[3] should be the point X[3] with its label y[3]
from torch.utils.data import Dataset


class PointsDataset(Dataset):
    def __init__(self, X, y):
        self.X, self.y = X, y

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.X, self.y
