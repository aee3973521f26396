"""Exercises of nonlinearity: a network's forward pass written with tensor operations."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "relu_net",
        "relu_net: a hidden ReLU layer's forward pass by hand",
        page=2,
        task="Write relu_net(x, W1, b1, W2, b2): the hidden layer x @ W1 + b1, then ReLU, "
        "then the output layer (hidden @ W2 + b2), with torch operations only: no "
        "nn.Linear, nn.Sequential or nn.ReLU.",
        hints=[
            "Two affine layers, y = x @ W + b, with torch.relu between them and nothing after the last one.",
            "hidden = torch.relu(x @ W1 + b1); return hidden @ W2 + b2",
        ],
    ),
]
