"""Write double(x): a tensor twice x.  Check: tutor check coding/double"""

import torch


def double(x: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
