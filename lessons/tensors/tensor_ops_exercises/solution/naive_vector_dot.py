"""naive_vector_dot: the dot product with a loop (Chollet, chapter 2)."""


def naive_vector_dot(x, y):
    z = 0.0
    for i in range(x.shape[0]):
        z += float(x[i] * y[i])
    return z
