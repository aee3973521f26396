"""accuracy: the fraction of points classified right.

Write accuracy(scores, y) for a float tensor scores of shape [n, classes] and an int64
tensor y of shape [n] holding each point's class. A point is classified right when its
largest score is in the column of its class. Return the fraction of points classified right
as a Python float (0.75 means 3 in 4).

Check it with:  tutor check train-a-classifier/accuracy
"""

import torch


def accuracy(scores, y):
    raise NotImplementedError
