# expect: these parameters still require gradients
def freeze_all_but_last(model):
    model[0].requires_grad_(False)
    return list(model[-1].parameters())
