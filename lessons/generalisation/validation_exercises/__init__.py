"""Exercises of validation: standardise with the training statistics only (parrt notebook 3)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "standardise",
        "standardise with the training rows' mean and std",
        page=1,
        task="Write standardise(X_train, X_val): both sets shifted by the mean and divided "
        "by the standard deviation of each column of the TRAINING rows only.",
        hints=[
            "One mean and one std per column: X_train.mean(dim=0), X_train.std(dim=0).",
            "Use those same two tensors for X_val: the validation rows stand for data "
            "the model has never seen, so they must not shape the scaling.",
        ],
    ),
]
