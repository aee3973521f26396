# expect: the reloaded model predicts differently
import torch


def save_and_reload(model, make_model, path):
    torch.save(model.state_dict(), path)
    return make_model()
