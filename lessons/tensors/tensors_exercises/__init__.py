"""Exercises of tensors: dtype changes, in-place operations and aggregation along a
dimension (learnpytorch 00, aiaioo 110)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "to_unit_floats",
        "to_unit_floats: bytes to floats in [0, 1]",
        page=1,
        task="Images arrive as uint8 (0 to 255). Write to_unit_floats(images): the same "
        "values as float32, divided by 255, so they lie in [0, 1].",
        hints=[
            "Two things change: the dtype (to float32) and the scale (divide by 255).",
            "images.to(torch.float32) / 255 — not .double(), which makes float64.",
        ],
    ),
    Exercise(
        "zero_negatives_",
        "zero_negatives_: change a tensor in place",
        page=3,
        task="Write zero_negatives_(x): set every negative entry of x to 0 in x itself "
        "(no new tensor) and return x. The trailing underscore is PyTorch's mark of "
        "an in-place method, such as x.clamp_(min=0).",
        hints=[
            "x.clamp(min=0) makes a new tensor; x.clamp_(min=0) changes x.",
            "Either x.clamp_(min=0), or x[x < 0] = 0; then return x.",
        ],
    ),
    Exercise(
        "row_mean_and_argmax",
        "row_mean_and_argmax: aggregate along a dimension",
        page=3,
        task="Write row_mean_and_argmax(x) for a 2-D float tensor: a pair (means, best) "
        "where means[i] is the mean of row i and best[i] the column of row i's "
        "largest entry.",
        hints=[
            "Rows are dimension 0 and columns dimension 1: to reduce each row you "
            "reduce over its columns, dim=1.",
            "return x.mean(dim=1), x.argmax(dim=1)",
        ],
    ),
]
