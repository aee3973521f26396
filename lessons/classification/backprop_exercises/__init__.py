"""Exercises of backprop: the chain rule by hand for the smallest network there is."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "sigmoid_unit_grad",
        "The chain rule for one sigmoid unit: dL/dw",
        page=0,
        task="Write sigmoid_unit_grad(x, w, b, y) for one sigmoid unit p = sigmoid(x · w + b) "
        "and the loss L = (p − y)²: return dL/dw, a tensor shaped like w, worked out "
        "with the chain rule. No autograd.",
        hints=[
            "Three links: dL/dp = 2(p − y); dp/dz = p(1 − p) for z = x · w + b; dz/dw = x.",
            "Multiply the links: the first two are numbers, the last is a vector.",
            "p = torch.sigmoid(x @ w + b); return 2 * (p - y) * p * (1 - p) * x",
        ],
    ),
]
