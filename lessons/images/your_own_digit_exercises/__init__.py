"""Exercises of your-own-digit: the steps that turn one drawn image into a batch the model reads."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "read_digit",
        "read_digit: one uint8 image through a trained model",
        page=2,
        task="Write read_digit(model, image) for a uint8 [28, 28] image: make it look like "
        "the training batches (float32 in 0..1, shape [1, 28, 28]), run the model "
        "without autograd, and return (the digit as a Python int, the 10 "
        "probabilities as a [10] tensor).",
        hints=[
            "Three steps before the model: image.float() / 255, then .unsqueeze(0) for a batch of one.",
            "The model gives scores [1, 10]; softmax(dim=1)[0] are the probabilities, "
            "and .argmax().item() the digit as an int.",
            "with torch.no_grad(): probs = model((image.float() / 255).unsqueeze(0))"
            ".softmax(dim=1)[0]; return probs.argmax().item(), probs",
        ],
    ),
]
