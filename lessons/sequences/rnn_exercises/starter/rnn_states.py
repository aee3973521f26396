"""The recurrence by hand: h_t = tanh(x_t W_ih + h_(t-1) W_hh + b).

Write rnn_states(x, W_ih, W_hh, b):
  x      [batch, steps, inputs]   a batch of sequences
  W_ih   [inputs, hidden]         input to hidden
  W_hh   [hidden, hidden]         hidden to hidden: the memory
  b      [hidden]
Start from h_0 = zeros [batch, hidden]. For each step t, in order,
  h_t = tanh(x_t @ W_ih + h_(t-1) @ W_hh + b)      where x_t = x[:, t]
Return all the states h_1 ... h_T stacked along dimension 1: [batch, steps, hidden].
Do not use nn.RNN.

Check it with:  tutor check rnn/rnn_states
"""

import torch


def rnn_states(x, W_ih, W_hh, b):
    raise NotImplementedError
