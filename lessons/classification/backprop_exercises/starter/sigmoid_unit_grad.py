"""The chain rule for one sigmoid unit: dL/dw.

One unit with a sigmoid, one example, a squared error:

    z = x · w + b          x, w: 1-D float tensors of the same length; b: a float
    p = sigmoid(z)         = 1 / (1 + exp(-z)), between 0 and 1
    L = (p - y) ** 2       y: the target, 0.0 or 1.0

Write sigmoid_unit_grad(x, w, b, y): return dL/dw, a float tensor shaped like w, by the
chain rule: dL/dw = dL/dp · dp/dz · dz/dw. Work each link out by hand; do not use
.backward(), torch.autograd or requires_grad. (torch.sigmoid for p is fine.)

Check it with:  tutor check backprop/sigmoid_unit_grad
"""

import torch


def sigmoid_unit_grad(x, w, b, y):
    raise NotImplementedError
