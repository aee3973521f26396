# expect: your function changed its input
def naive_add(x, y):
    z = x
    for i in range(z.shape[0]):
        for j in range(z.shape[1]):
            z[i, j] += y[i, j]
    return z
