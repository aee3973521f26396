"""Exercises of train-a-classifier: accuracy from scores and labels."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "accuracy",
        "accuracy(scores, y): the fraction classified right",
        page=1,
        used_as="accuracy",
        task="Write accuracy(scores, y) for scores [n, classes] and labels y [n]: the "
        "fraction of points whose largest score is at their label, as a Python "
        "float between 0 and 1.",
        hints=[
            "The predicted class is scores.argmax(dim=1); compare it with y.",
            "(scores.argmax(dim=1) == y) is a bool tensor: .float().mean().item() "
            "turns it into the fraction.",
        ],
    ),
]
