"""Exercises of tensor-ops: Chollet's naive_* functions (Deep Learning with Python, chapter 2),
written with loops so that the tensor operations they stand for are no longer magic, and one
the other way round: a distance table with no loop at all."""

from tutor.exercises import Exercise

LOOP_RULE = "Write it with Python loops over the elements, as Chollet does"

EXERCISES = [
    Exercise(
        "naive_relu",
        "naive_relu: ReLU one element at a time",
        page=0,
        task="Write naive_relu(x) for a 2-D tensor x: a new tensor of the same shape with "
        "every negative entry replaced by 0. Use two loops; do not call torch.relu, "
        "clamp or maximum, and do not change x.",
        hints=[
            "Start from a copy: z = x.clone(). Then change z, never x.",
            "for i in range(z.shape[0]): for j in range(z.shape[1]): z[i, j] = max(z[i, j], 0)",
        ],
        used_as="naive_relu",
    ),
    Exercise(
        "naive_add",
        "naive_add: element-wise addition with loops",
        page=0,
        task="Write naive_add(x, y) for two 2-D tensors of the same shape: a new tensor "
        "whose entry [i, j] is x[i, j] + y[i, j]. Use loops; do not change x or y.",
        hints=[
            "Copy x first (z = x.clone()), then add y's entries into the copy.",
            "z[i, j] += y[i, j] inside two loops over the rows and the columns.",
        ],
        used_as="naive_add",
    ),
    Exercise(
        "naive_vector_dot",
        "naive_vector_dot: the dot product with a loop",
        page=2,
        task="Write naive_vector_dot(x, y) for two 1-D tensors of the same length: the sum "
        "of x[i] * y[i] over i, as a Python float. Do not use @, torch.dot or matmul.",
        hints=[
            "Keep a running total z = 0.0 and add one product per step.",
            "for i in range(x.shape[0]): z += float(x[i] * y[i]); then return z.",
        ],
    ),
    Exercise(
        "naive_matrix_dot",
        "naive_matrix_dot: the matrix product with loops",
        page=2,
        task="Write naive_matrix_dot(x, y) for x of shape [n, k] and y of shape [k, m]: an "
        "[n, m] float32 tensor whose entry [i, j] is the dot product of row i of x and "
        "column j of y. No @, matmul, mm or dot.",
        hints=[
            "The result starts as torch.zeros(x.shape[0], y.shape[1]).",
            "Entry [i, j] is the dot product of x[i, :] and y[:, j]: a third loop over "
            "k, or your naive_vector_dot pasted into this file.",
        ],
        used_as="naive_matmul",
    ),
    Exercise(
        "squared_distances",
        "squared_distances: a table with no loop",
        page=5,
        task="Write squared_distances(a, b) for points a of shape [n, d] and b of shape "
        "[m, d]: the [n, m] tensor whose entry [i, j] is the squared distance "
        "between a[i] and b[j]. No Python loop or comprehension: broadcasting does it.",
        hints=[
            "a[:, None, :] has shape [n, 1, d] and b[None, :, :] has shape [1, m, d]; "
            "their difference is [n, m, d].",
            "Square the difference and sum over the last dimension: "
            "((a[:, None, :] - b[None, :, :]) ** 2).sum(dim=-1).",
        ],
    ),
]
