# expect: the shape is [1, 1]; it should be [1, 3, 1]
import torch


def rnn_states(x, W_ih, W_hh, b):
    h = torch.zeros(x.shape[0], W_hh.shape[0])
    for t in range(x.shape[1]):
        h = torch.tanh(x[:, t] @ W_ih + h @ W_hh + b)
    return h
