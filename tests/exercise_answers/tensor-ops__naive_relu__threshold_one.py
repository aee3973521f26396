# expect: values differ
def naive_relu(x):
    z = x.clone()
    for i in range(z.shape[0]):
        for j in range(z.shape[1]):
            z[i, j] = max(z[i, j], 1)
    return z
