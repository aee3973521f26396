"""Exercises of dataloaders: a Dataset you write (learnpytorch 04, parrt notebook 9)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "points_dataset",
        "Your own Dataset: __len__ and __getitem__",
        page=2,
        function="PointsDataset",
        task="Write the class PointsDataset(Dataset): built from X [n, features] and y "
        "[n], its len() is n and item i is the pair (X[i], y[i]), so that a "
        "DataLoader can batch it.",
        hints=[
            "A Dataset needs exactly two methods besides __init__: __len__(self) and __getitem__(self, i).",
            "__init__ keeps self.X = X and self.y = y; __len__ returns len(self.y); "
            "__getitem__ returns self.X[i], self.y[i].",
        ],
        used_as="TensorDataset",
    ),
]
