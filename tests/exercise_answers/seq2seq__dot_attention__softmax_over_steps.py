# expect: softmax the scores over the last dimension
import torch


def dot_attention(states, memory):
    weights = (states @ memory.transpose(1, 2)).softmax(dim=1)
    return weights @ memory, weights
