"""Exercises of from-scratch: one training step of a dense layer made of raw tensors."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "scratch_step",
        "scratch_step: forward and SGD update with raw tensors",
        page=1,
        task="Write scratch_step(x, y, W, b, lr) for a linear classifier made of two "
        "tensors: scores x @ W + b, loss F.cross_entropy(scores, y), backward, then "
        "change W and b in place by − lr · grad, clear the gradients, and return the "
        "loss as a Python float. No nn.Linear, no optimiser.",
        hints=[
            "After loss.backward(), W.grad and b.grad hold the slopes. The update must "
            "not be recorded by autograd: do it inside `with torch.no_grad():`.",
            "W -= lr * W.grad changes the caller's tensor; W = W - lr * W.grad only "
            "rebinds your local name. Then W.grad = None (and b's) for the next step.",
            "loss = F.cross_entropy(x @ W + b, y); loss.backward(); with torch.no_grad(): "
            "W -= lr * W.grad; b -= lr * b.grad; W.grad = b.grad = None; return loss.item()",
        ],
    ),
]
