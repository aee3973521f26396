"""Exercises of xor: the lesson's 2-4-2 network, built with nn.Sequential, and its size; and the
course's sampling mistake to find and fix."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "xor_net",
        "xor_net: a 2-4-2 network with a hidden activation",
        page=1,
        task="Write xor_net(activation): an nn.Sequential of nn.Linear(2, 4), the activation "
        "named by the string ('relu', 'sigmoid' or 'tanh'), and nn.Linear(4, 2). It "
        "has 22 parameters: work out why before you check.",
        hints=[
            "nn.ReLU(), nn.Sigmoid() and nn.Tanh() are the three layers; a dict from "
            "the name to the class picks one.",
            "Parameters: Linear(2, 4) has 2·4 weights + 4 biases, Linear(4, 2) has 4·2 + 2: 12 + 10 = 22.",
            "return nn.Sequential(nn.Linear(2, 4), ACTIVATIONS[activation](), nn.Linear(4, 2))",
        ],
    ),
    Exercise(
        "fix_sampling",
        "Find and fix the bug: rows drawn with replacement",
        page=3,
        function="epoch_rows",
        task="epoch_rows(n, generator) should give the order in which one epoch visits the "
        "n training rows: every row exactly once, shuffled with the generator. As "
        "written it draws with replacement, the course's mistake. Fix it.",
        hints=[
            "Count how often each row appears in what it returns: "
            "torch.bincount(rows, minlength=n). About a third are 0.",
            "A permutation of 0 … n − 1 visits every row once: torch.randperm(n, generator=generator).",
        ],
    ),
]
