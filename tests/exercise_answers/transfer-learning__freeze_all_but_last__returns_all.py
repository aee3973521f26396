# expect: return a list of exactly the parameters that still learn
def freeze_all_but_last(model):
    model.requires_grad_(False)
    model[-1].requires_grad_(True)
    return list(model.parameters())
