"""Exercises of regularization: the L2 penalty that weight decay stands for, written by hand."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "l2_penalty",
        "l2_penalty: weight decay as a term of the loss",
        page=1,
        task="Write l2_penalty(model, wd): (wd / 2) times the sum of the squares of every "
        "number in every parameter of the model, as a tensor autograd can follow, so "
        "that loss + l2_penalty(model, wd) trains like weight_decay=wd.",
        hints=[
            "model.parameters() gives every weight and bias tensor; (p ** 2).sum() is one "
            "tensor's sum of squares.",
            "Keep it a tensor (no .item()): its gradient, wd · w, is the point.",
            "return wd / 2 * sum((p ** 2).sum() for p in model.parameters())",
        ],
    ),
]
