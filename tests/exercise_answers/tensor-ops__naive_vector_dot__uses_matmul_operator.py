# expect: uses `@`
def naive_vector_dot(x, y):
    return float(x @ y)
