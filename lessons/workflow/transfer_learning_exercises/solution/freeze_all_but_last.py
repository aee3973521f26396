"""freeze_all_but_last: only the new last layer learns."""


def freeze_all_but_last(model):
    model.requires_grad_(False)  # every layer frozen ...
    model[-1].requires_grad_(True)  # ... but the last
    return [p for p in model.parameters() if p.requires_grad]
