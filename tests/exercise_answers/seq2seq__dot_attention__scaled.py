# expect: item 0: 2 of 4 values differ
import torch


def dot_attention(states, memory):
    weights = (states @ memory.transpose(1, 2) / states.shape[-1] ** 0.5).softmax(dim=-1)
    return weights @ memory, weights
