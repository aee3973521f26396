# expect: uses `RNN`
from torch import nn


def rnn_states(x, W_ih, W_hh, b):
    rnn = nn.RNN(W_ih.shape[0], W_ih.shape[1], batch_first=True)
    return rnn(x)[0]
