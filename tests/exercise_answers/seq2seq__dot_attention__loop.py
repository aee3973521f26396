# expect: has a Python comprehension
import torch


def dot_attention(states, memory):
    weights = torch.stack([s @ mem.T for s, mem in zip(states, memory)]).softmax(dim=-1)
    return weights @ memory, weights
