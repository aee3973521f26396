"""Exercises of devices: device-agnostic code, the model and the batch moved to one device."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "loss_on_device",
        "loss_on_device: the model and the batch on one device",
        page=1,
        task="Write loss_on_device(model, X, y, device): move the model and both tensors "
        "to the device string (e.g. 'cpu' or 'cuda') with .to(device), compute the "
        "cross-entropy of model(X) against y there, and return it as a Python float.",
        hints=[
            "model.to(device) moves the weights in place; X.to(device) returns a moved "
            "copy, so keep it: X = X.to(device).",
            "F.cross_entropy(model(X), y).item(): .item() brings the number back to the "
            "CPU as a Python float.",
            "model.to(device); X, y = X.to(device), y.to(device); return F.cross_entropy(model(X), y).item()",
        ],
    ),
]
