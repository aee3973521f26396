"""Exercises of decision-rule: a layer plus argmax (aiaioo 310)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "classify",
        "classify(X, W): scores, then the class with the top score",
        page=0,
        used_as="classify",
        task="Write classify(X, W) for points X [n, features] and weights W [features, "
        "classes]: return (scores, predicted), the [n, classes] scores X @ W and the "
        "[n] class numbers of each row's largest score.",
        hints=[
            "scores = X @ W: one row per point, one column per class.",
            "The class of a point is the column of its row's largest score: scores.argmax(dim=1).",
        ],
    ),
]
