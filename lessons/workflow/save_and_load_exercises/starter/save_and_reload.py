"""Save the state_dict, load it into a new model.

Write save_and_reload(model, make_model, path):
  1. save model's learned weights, model.state_dict(), to the file path with torch.save
  2. build a fresh model with make_model() (same layers, new random weights)
  3. load the saved weights into it: torch.load(path, weights_only=True), then
     new_model.load_state_dict(...)
  4. return the new model
The new model must predict exactly what the old one does.

Check it with:  tutor check save-and-load/save_and_reload
"""

import torch


def save_and_reload(model, make_model, path):
    raise NotImplementedError
