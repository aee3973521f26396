"""Checks of the mnist-first-look exercises (run in the checker's child process)."""

import torch


def check_flatten_images(c):
    one = torch.zeros(1, 28, 28, dtype=torch.uint8)
    one[0, 0, 1] = 255
    one[0, 1, 0] = 51
    c.same(one, name="pixel [0, 1] = 255 and [1, 0] = 51: entry 1 is 1.0, entry 28 is 0.2")
    g = torch.Generator().manual_seed(0)
    for n in (1, 5, 64):
        c.same(torch.randint(0, 256, (n, 28, 28), generator=g, dtype=torch.uint8))
    images = torch.randint(0, 256, (3, 28, 28), generator=g, dtype=torch.uint8)
    copy = images.clone()
    c.call(images, name="flatten_images leaves the images as they were")
    c.expect(
        torch.equal(images, copy),
        "the images are unchanged",
        "your function changed its input; return a new tensor",
    )
