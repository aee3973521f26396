# expect: return the new model built by make_model()
import torch


def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    model.load_state_dict(torch.load(path, weights_only=True))
    return model
