"""Checks of the tensor-ops exercises (run in the checker's child process)."""

import torch

NOT_BUILT_IN = "the exercise is to write it yourself, with loops"


def _unchanged(c, name, *tensors):
    copies = [t.clone() for t in tensors]
    c.call(*tensors)
    c.expect(
        all(torch.equal(t, k) for t, k in zip(tensors, copies)),
        name,
        "your function changed its input; work on a copy (x.clone()) instead",
    )


def check_naive_relu(c):
    c.not_using("relu", "clamp", "clamp_min", "maximum", "clip", "threshold", why=NOT_BUILT_IN)
    g = torch.Generator().manual_seed(0)
    for shape in [(2, 3), (4, 4), (1, 5), (6, 1)]:
        c.same(torch.randn(shape, generator=g))
    c.same(torch.tensor([[-1.5, 0.0, 2.0]]), name="negative, zero and positive entries")
    _unchanged(c, "your function leaves x as it was", torch.randn(3, 3, generator=g))


def check_naive_add(c):
    c.not_using("add", why=NOT_BUILT_IN)
    g = torch.Generator().manual_seed(1)
    for shape in [(2, 3), (3, 3), (1, 4)]:
        c.same(torch.randn(shape, generator=g), torch.randn(shape, generator=g))
    _unchanged(
        c,
        "your function leaves x and y as they were",
        torch.randn(2, 2, generator=g),
        torch.randn(2, 2, generator=g),
    )


MATMUL = ("@", "matmul", "mm", "dot", "inner", "einsum", "tensordot", "bmm", "mv")


def check_naive_vector_dot(c):
    c.not_using(*MATMUL, why=NOT_BUILT_IN)
    g = torch.Generator().manual_seed(2)
    for n in (1, 3, 10):
        c.same(torch.randn(n, generator=g), torch.randn(n, generator=g), atol=1e-4)
    c.same(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0]), name="[1, 2, 3] · [4, 5, 6] = 32")


def check_naive_matrix_dot(c):
    c.not_using(*MATMUL, why=NOT_BUILT_IN)
    g = torch.Generator().manual_seed(3)
    for n, k, m in [(2, 3, 4), (3, 3, 3), (1, 5, 2), (4, 1, 3)]:
        c.same(torch.randn(n, k, generator=g), torch.randn(k, m, generator=g), atol=1e-4)


def check_squared_distances(c):
    c.no_loops()
    g = torch.Generator().manual_seed(4)
    c.same(
        torch.tensor([[0.0, 0.0], [1.0, 1.0]]),
        torch.tensor([[3.0, 4.0]]),
        name="(0,0) and (1,1) against (3,4): 25 and 13",
    )
    for n, m, d in [(3, 4, 2), (5, 2, 3), (1, 6, 1), (7, 7, 8)]:
        c.same(torch.randn(n, d, generator=g), torch.randn(m, d, generator=g), atol=1e-4)
