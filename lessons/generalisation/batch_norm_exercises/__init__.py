"""Exercises of batch-norm: measuring in train mode, the course's mistake, to find and fix."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise("fix_eval_mode", "Find and fix the bug: measuring in train mode", page=3,
             function="validation_mse",
             task="validation_mse(model, X, y) measures a model with batch norm on the "
                  "validation rows, but every call also changes the model and the number "
                  "depends on the batch. Fix it, and leave the model in training mode.",
             hints=["Which mode is the model in while it is measured? What does batch norm do "
                    "in that mode?",
                    "model.eval(), then measure inside torch.no_grad(), then model.train() "
                    "so training can go on."]),
]
