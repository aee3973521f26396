import torch


def check_double(c):
    c.same(torch.tensor([1.0, 2.0]), name="x = [1, 2]: [2, 4]")
    c.same(torch.arange(6.0).reshape(2, 3), name="a 2×3 tensor")


def check_halve(c):
    c.same(torch.tensor([2.0, 4.0]), name="x = [2, 4]: [1, 2]")
