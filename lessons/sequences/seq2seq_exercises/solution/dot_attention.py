"""dot_attention: score, softmax, mix."""


def dot_attention(states, memory):
    scores = states @ memory.transpose(1, 2)  # [batch, m, n]
    weights = scores.softmax(dim=-1)  # over the n inputs: each row sums to 1
    return weights @ memory, weights  # [batch, m, hidden], [batch, m, n]
