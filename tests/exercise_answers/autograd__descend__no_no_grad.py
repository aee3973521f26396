# expect: a leaf Variable that requires grad is being used in an in-place operation
def descend(m, b, x, y, lr):
    loss = ((m * x + b - y) ** 2).mean()
    loss.backward()
    m -= lr * m.grad
    b -= lr * b.grad
    m.grad.zero_()
    b.grad.zero_()
    return loss.item()
