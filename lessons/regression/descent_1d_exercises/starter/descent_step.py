"""descent_step: one step downhill on (w − 2)² + 3.

The lesson's parabola, moved: loss(w) = (w - 2) ** 2 + 3 has its lowest point, 3, at w = 2.

Write descent_step(w, lr) for a Python float w and a learning rate lr:
  1. the slope of the loss at w, d loss / dw, worked out by hand (no autograd, no .backward())
  2. return the next weight, w - lr * slope, as a Python float

Check it with:  tutor check descent-1d/descent_step
"""


def descent_step(w, lr):
    raise NotImplementedError
