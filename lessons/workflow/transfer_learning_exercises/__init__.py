"""Exercises of transfer-learning: freezing every layer but the last."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "freeze_all_but_last",
        "freeze_all_but_last: only the new last layer learns",
        page=1,
        task="Write freeze_all_but_last(model) for an nn.Sequential: set requires_grad to "
        "False on every parameter except those of its last layer, which must require "
        "gradients, and return a list of the parameters that still learn.",
        hints=[
            "model.requires_grad_(False) freezes every parameter at once; model[-1] is "
            "the last layer, and model[-1].requires_grad_(True) thaws it again.",
            "The optimiser gets only what learns: [p for p in model.parameters() if p.requires_grad].",
            "model.requires_grad_(False); model[-1].requires_grad_(True); "
            "return list(model[-1].parameters())",
        ],
    ),
]
