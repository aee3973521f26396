"""Exercises of logistic-regression: a train/test split for the wine data (parrt notebook 5
asks for one)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "train_test_split",
        "train_test_split: keep some wines back",
        page=5,
        task="Write train_test_split(X, y, test_fraction, seed): shuffle the rows with a "
        "generator seeded by seed, keep round(n * test_fraction) of them as the test "
        "set, and return X_train, X_test, y_train, y_test, every row exactly once "
        "and each X row still with its own label.",
        hints=[
            "One permutation of the row numbers, used for both X and y: "
            "order = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).",
            "n_test = round(n * test_fraction); test = order[:n_test], train = "
            "order[n_test:]; then X[train], X[test], y[train], y[test].",
        ],
    ),
]
