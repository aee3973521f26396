# expect: the last layer must still learn
def freeze_all_but_last(model):
    for layer in model[:-1]:
        layer.requires_grad_(False)
    return list(model[-1].parameters())
