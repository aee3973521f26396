# expect: got 2, expected 7850
def count_parameters(model):
    return len(list(model.parameters()))
