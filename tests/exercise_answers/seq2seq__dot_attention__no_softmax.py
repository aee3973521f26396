# expect: should sum to 1
import torch


def dot_attention(states, memory):
    weights = states @ memory.transpose(1, 2)
    return weights @ memory, weights
