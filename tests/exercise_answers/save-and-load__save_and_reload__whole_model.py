# expect: save model.state_dict(), the weights by name, not the model object
import torch


def save_and_reload(model, make_model, path):
    torch.save(model, path)
    return torch.load(path, weights_only=False)
