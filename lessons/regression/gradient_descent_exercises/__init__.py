"""Exercises of gradient-descent: the loss it minimises, written by hand (parrt notebook 1)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "mse",
        "mse(y_pred, y) without nn.MSELoss",
        page=1,
        task="Write mse(y_pred, y): the mean of the squared differences between two "
        "tensors of the same shape, as a 0-dimensional tensor that autograd can "
        "differentiate. Do not use nn.MSELoss or F.mse_loss.",
        hints=[
            "The difference first, then square it, then the mean: in that order.",
            "return ((y_pred - y) ** 2).mean()",
        ],
    ),
]
