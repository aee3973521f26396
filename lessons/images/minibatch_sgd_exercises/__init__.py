"""Exercises of minibatch-sgd: every row once per epoch (the fix of aiaioo's sampling with
replacement)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "epoch_batches",
        "epoch_batches: every row exactly once per epoch",
        page=2,
        task="Write epoch_batches(n, batch_size, generator): the row numbers 0..n-1 in a "
        "random order drawn with generator, cut into batches of batch_size (the last "
        "may be smaller); every row exactly once.",
        hints=[
            "torch.randint draws with replacement: some rows twice, some never. A "
            "permutation has every row once: torch.randperm(n, generator=generator).",
            "order = torch.randperm(n, generator=generator); return "
            "list(order.split(batch_size)), or slices order[start:start + batch_size].",
        ],
    ),
]
