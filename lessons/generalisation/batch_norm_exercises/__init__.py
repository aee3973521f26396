"""Exercises of batch-norm: measuring in train mode, the course's mistake, to find and fix;
and dropout by hand, the other layer with a train mode and an eval mode."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "fix_eval_mode",
        "Find and fix the bug: measuring in train mode",
        page=3,
        function="validation_mse",
        task="validation_mse(model, X, y) measures a model with batch norm on the "
        "validation rows, but every call also changes the model and the number "
        "depends on the batch. Fix it, and leave the model in training mode.",
        hints=[
            "Which mode is the model in while it is measured? What does batch norm do in that mode?",
            "model.eval(), then measure inside torch.no_grad(), then model.train() so training can go on.",
        ],
    ),
    Exercise(
        "dropout",
        "Dropout by hand: train mode and eval mode",
        page=3,
        task="Write dropout(x, p, training, generator): in training, zero each entry with "
        "probability p (drawn with generator) and multiply the others by 1 / (1 - p); "
        "in eval mode (training=False) return x unchanged.",
        hints=[
            "A mask of the entries kept: torch.rand(x.shape, generator=generator) >= p "
            "keeps each with probability 1 - p.",
            "return x * mask / (1 - p) in training; the scaling keeps the expected "
            "value of every entry the same in both modes.",
        ],
    ),
]
