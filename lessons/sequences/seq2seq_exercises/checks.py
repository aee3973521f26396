"""Checks of the seq2seq exercises (run in the checker's child process)."""

import torch


def check_dot_attention(c):
    c.no_loops(why="matrix products score and mix every step at once")
    g = torch.Generator().manual_seed(0)
    got = c.call(
        torch.randn(2, 3, 4, generator=g),
        torch.randn(2, 5, 4, generator=g),
        name="dot_attention(states [2, 3, 4], memory [2, 5, 4])",
    )
    ok = isinstance(got, tuple) and len(got) == 2 and all(isinstance(t, torch.Tensor) for t in got)
    c.expect(ok, "returns (context, weights)", "return the tuple (context, weights)", got=got)
    c.expect(
        got[1].shape == (2, 3, 5),
        "the weights are [batch, m, n]",
        "weights should have one row of n input weights per decoder step: [batch, m, n]",
        expected=[2, 3, 5],
        got=list(got[1].shape),
    )
    c.expect(
        torch.allclose(got[1].sum(dim=-1), torch.ones(2, 3), atol=1e-5),
        "each row of weights sums to 1",
        "each decoder step's weights over the inputs should sum to 1: softmax the scores "
        "over the last dimension (the n inputs)",
        got=got[1].sum(dim=-1),
    )
    memory = torch.tensor([[[1.0, 0.0], [0.0, 1.0]]])
    c.same(
        torch.zeros(1, 1, 2),
        memory,
        name="a state of zeros scores both inputs 0: weights 0.5 and 0.5, context [0.5, 0.5]",
    )
    c.same(
        torch.tensor([[[3.0, 3.0], [2.0, 0.0]]]),
        memory,
        atol=1e-5,
        name="state (3, 3) scores the inputs equally; state (2, 0) prefers the first: weights 0.88, 0.12",
    )
    for batch, m, n, hidden in [(2, 3, 5, 4), (1, 6, 2, 8), (4, 1, 7, 3)]:
        c.same(
            torch.randn(batch, m, hidden, generator=g), torch.randn(batch, n, hidden, generator=g), atol=1e-5
        )
