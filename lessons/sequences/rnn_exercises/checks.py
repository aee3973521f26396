"""Checks of the rnn exercises (run in the checker's child process)."""

import torch
from torch import nn


def _weights(inputs, hidden, g):
    return (
        torch.randn(inputs, hidden, generator=g) * 0.5,
        torch.randn(hidden, hidden, generator=g) * 0.5,
        torch.randn(hidden, generator=g) * 0.1,
    )


def check_rnn_states(c):
    c.not_using("RNN", "RNNCell", why="the exercise is to write the recurrence yourself")
    g = torch.Generator().manual_seed(0)
    ones = torch.tensor([[[1.0], [0.0], [1.0]]])
    c.same(
        ones,
        torch.ones(1, 1),
        torch.ones(1, 1),
        torch.zeros(1),
        name="the bits 1, 0, 1 with every weight 1: tanh(1), tanh(tanh(1)), …",
        atol=1e-5,
    )
    for batch, steps, inputs, hidden in [(2, 5, 1, 4), (3, 4, 2, 3), (1, 8, 3, 6)]:
        x = torch.randn(batch, steps, inputs, generator=g)
        c.same(x, *_weights(inputs, hidden, g), atol=1e-5)
    rnn = nn.RNN(2, 5, batch_first=True)
    x = torch.randn(4, 6, 2, generator=g)
    with torch.no_grad():
        expected, _ = rnn(x)
        got = c.call(
            x,
            rnn.weight_ih_l0.T,
            rnn.weight_hh_l0.T,
            rnn.bias_ih_l0 + rnn.bias_hh_l0,
            name="nn.RNN's own weights (transposed; its two biases added)",
        )
    c.expect(
        isinstance(got, torch.Tensor)
        and got.shape == expected.shape
        and torch.allclose(got, expected, atol=1e-5),
        "the same states as nn.RNN",
        "with nn.RNN's weights your states differ from nn.RNN's",
        expected=expected[0, :2],
        got=got[0, :2] if isinstance(got, torch.Tensor) and got.dim() == 3 else got,
    )
