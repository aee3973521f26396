"""Exercises of grid-search: the whole table of losses at once, by broadcasting."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "mse_grid",
        "mse_grid: every line's MSE with no loop",
        page=2,
        task="Write mse_grid(x, y, slopes, intercepts): the [len(slopes), len(intercepts)] "
        "tensor whose entry [i, j] is the mean squared error of the line "
        "y = slopes[i] · x + intercepts[j] on the points. No Python loop: broadcast.",
        hints=[
            "Give each input its own dimension: slopes[:, None, None] is [S, 1, 1], "
            "intercepts[None, :, None] is [1, B, 1], x[None, None, :] is [1, 1, N].",
            "Their combination is every prediction, [S, B, N]; subtract y, square, and "
            "take the mean over the last dimension (the points).",
            "pred = slopes[:, None, None] * x + intercepts[None, :, None]; "
            "return ((pred - y) ** 2).mean(dim=-1)",
        ],
    ),
]
