# expect: values differ
import torch


def rnn_states(x, W_ih, W_hh, b):
    states = [torch.tanh(x[:, t] @ W_ih + b) for t in range(x.shape[1])]
    return torch.stack(states, dim=1)
