"""Exercises of affine-layer: y = xW + b by hand (aiaioo exercise 210)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "affine",
        "affine(x, W, b): a layer is y = xW + b",
        page=1,
        task="Write affine(x, W, b) for inputs x [n, inputs], weights W [inputs, outputs] "
        "and bias b [outputs]: return x @ W + b, shape [n, outputs].",
        hints=[
            "x @ W is [n, outputs]; b, of shape [outputs], is added to every row by broadcasting.",
            "return x @ W + b — not W @ x, whose shapes do not fit.",
        ],
        used_as="affine",
    ),
]
