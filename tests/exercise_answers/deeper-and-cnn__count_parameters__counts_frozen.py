# expect: got 61706, expected 11014
def count_parameters(model):
    return sum(p.numel() for p in model.parameters())
