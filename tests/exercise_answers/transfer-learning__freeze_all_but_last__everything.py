# expect: the last layer must still learn
def freeze_all_but_last(model):
    model.requires_grad_(False)
    return []
