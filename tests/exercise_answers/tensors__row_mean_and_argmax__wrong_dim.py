# expect: item 0: the shape is [3]; it should be [2]
def row_mean_and_argmax(x):
    return x.mean(dim=0), x.argmax(dim=0)
