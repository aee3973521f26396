"""Exercises of descent-1d: one step of gradient descent, the derivative worked out by hand."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "descent_step",
        "descent_step: one step downhill on (w − 2)² + 3",
        page=1,
        task="Write descent_step(w, lr) for loss(w) = (w − 2)² + 3: work out the slope "
        "d loss / dw by hand, and return the next w, w − lr · slope, as a Python "
        "float. No autograd.",
        hints=[
            "The slope of (w − 2)² is 2 · (w − 2); the + 3 does not change the slope.",
            "Downhill means against the slope: subtract lr times it from w.",
            "return w - lr * 2 * (w - 2)",
        ],
    ),
]
