"""Exercises of seq2seq: the decoder's dot-product attention, score, softmax and mix."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "dot_attention",
        "dot_attention: score, softmax, mix",
        page=2,
        task="Write dot_attention(states, memory) for decoder states [batch, m, hidden] and "
        "encoder vectors memory [batch, n, hidden]: score every input vector by its "
        "dot product with each state, softmax the scores over the inputs, mix; return "
        "(context [batch, m, hidden], weights [batch, m, n]).",
        hints=[
            "The scores are states @ memory.transpose(1, 2): [batch, m, n], one row of n "
            "scores per decoder step.",
            "Softmax over the last dimension (the n inputs), so each row of weights sums "
            "to 1; the context is weights @ memory.",
            "weights = (states @ memory.transpose(1, 2)).softmax(dim=-1); return weights @ memory, weights",
        ],
    ),
]
