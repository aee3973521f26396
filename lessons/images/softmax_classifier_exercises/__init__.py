"""Exercises of softmax-classifier (parrt's notebook 6): the ten-class training step on raw
scores with its accuracy by argmax, and the confusion matrix counted by hand (the course
called sklearn's)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "train_step",
        "train_step: cross-entropy on raw scores, accuracy by argmax",
        page=2,
        task="Write train_step(model, images, labels, optimizer): one full-batch step of the "
        "ten-class network. Forward, F.cross_entropy on the raw scores (no softmax before "
        "it), zero_grad, backward, step. Return (loss, accuracy) of this step's forward "
        "pass as two Python floats; the prediction for a row is the argmax of its scores.",
        hints=[
            "F.cross_entropy(scores, labels) applies softmax itself: give it the model's "
            "output as it is. labels are class numbers (int64), not one-hot rows.",
            "The prediction is scores.argmax(dim=1): one class per row, the column with the "
            "largest score. Accuracy: (predicted == labels).float().mean().item().",
            "scores = model(images); loss = F.cross_entropy(scores, labels); "
            "optimizer.zero_grad(); loss.backward(); optimizer.step(); then return "
            "loss.item() and the accuracy.",
        ],
    ),
    Exercise(
        "confusion_matrix",
        "confusion_matrix(labels, predicted), counted by hand",
        page=4,
        used_as="confusion_matrix",
        task="Write confusion_matrix(labels, predicted) for two int64 tensors of digits "
        "0-9: a 10 × 10 int64 tensor whose entry [t, p] counts the digits t that were "
        "predicted as p (row = true digit, column = prediction). Not sklearn's.",
        hints=[
            "Start from counts = torch.zeros(10, 10, dtype=torch.int64): counts are whole "
            "numbers. Each pair (true t, predicted p) adds 1 to counts[t, p].",
            "A loop is fine: for t, p in zip(labels.tolist(), predicted.tolist()): "
            "counts[t, p] += 1. Without one: torch.bincount(labels * 10 + predicted, "
            "minlength=100).reshape(10, 10).",
        ],
    ),
]
