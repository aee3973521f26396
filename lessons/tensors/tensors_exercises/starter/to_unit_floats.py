"""to_unit_floats: bytes to floats in [0, 1].

Images are stored as uint8 tensors: whole numbers from 0 to 255. A network wants float32
values in [0, 1]. Write to_unit_floats(images): return the same values as a float32 tensor,
divided by 255. Any shape.

Check it with:  tutor check tensors/to_unit_floats
"""

import torch


def to_unit_floats(images):
    raise NotImplementedError
