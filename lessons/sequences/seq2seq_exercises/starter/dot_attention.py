"""dot_attention: score, softmax, mix.

The lesson's decoder looks back at every input letter at every step. Write that look:

dot_attention(states, memory)
  states   [batch, m, hidden]   the decoder's state at each of its m steps
  memory   [batch, n, hidden]   the encoder's vector for each of the n input letters
  1. score: the dot product of each decoder state with each input vector -> [batch, m, n]
  2. softmax the scores over the n inputs, so that each row of weights sums to 1
  3. mix: each step's context is the weighted sum of the input vectors -> [batch, m, hidden]
Return the tuple (context, weights). No Python loop: matrix products do it.

Check it with:  tutor check seq2seq/dot_attention
"""

import torch


def dot_attention(states, memory):
    raise NotImplementedError
