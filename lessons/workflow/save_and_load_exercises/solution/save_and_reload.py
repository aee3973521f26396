"""Save the state_dict, load it into a new model."""

import torch


def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)  # the weights only, by name
    new_model = make_model()
    new_model.load_state_dict(torch.load(path, weights_only=True))
    return new_model
