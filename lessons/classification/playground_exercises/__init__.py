"""Exercises of playground: hand-made feature crosses, the old way to bend a linear model."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "cross_features",
        "cross_features: x1², x2² and x1·x2 as columns",
        page=2,
        task="Write cross_features(points) for points [N, 2] (columns x1, x2): return the "
        "[N, 3] tensor with the columns x1², x2² and x1·x2, in that order. No Python "
        "loop.",
        hints=[
            "points[:, 0] is the column x1 as a 1-D tensor [N]; points[:, 1] is x2.",
            "torch.stack([...], dim=1) puts 1-D tensors side by side as columns; dim=0 would make them rows.",
            "x1, x2 = points[:, 0], points[:, 1]; return torch.stack([x1 ** 2, x2 ** 2, x1 * x2], dim=1)",
        ],
    ),
]
