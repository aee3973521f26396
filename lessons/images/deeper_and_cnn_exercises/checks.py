"""Checks of the deeper-and-cnn exercises (run in the checker's child process)."""

import torch
from torch import nn


def check_conv_output_size(c):
    c.same(32, 5, name="LeNet-5's C1: 32 − 5 + 1 = 28")
    c.same(28, 2, 2, name="a 2×2 max-pool with stride 2: 28 → 14")
    c.same(64, 5, 2, name="Conv2d(3, 10, 5, stride=2) on 64: 30")
    c.same(28, 3, 1, 1, name="3×3 with padding 1 keeps 28")
    for size, k, s, p in [(7, 3, 2, 0), (100, 7, 3, 2), (5, 5, 1, 0), (31, 2, 2, 0)]:
        got = c.same(size, k, s, p)
        layer = nn.Conv2d(1, 1, k, stride=s, padding=p)
        real = layer(torch.zeros(1, 1, size, size)).shape[-1]
        c.expect(
            got == real,
            f"agrees with nn.Conv2d({k}, stride={s}, padding={p}) on {size}",
            "your size differs from what nn.Conv2d gives",
            expected=real,
            got=got,
        )


def _lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(16, 120, 5),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(120, 84),
        nn.ReLU(),
        nn.Linear(84, 10),
    )


def check_count_parameters(c):
    c.same(nn.Linear(784, 10), name="nn.Linear(784, 10): 7,850")
    c.same(_lenet(), name="LeNet-5: 61,706")
    c.same(nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1)), name="2 → 4 → 1: 17")
    frozen = _lenet()
    for p in frozen[:7].parameters():  # the convolutions frozen, as in transfer learning
        p.requires_grad_(False)
    c.same(frozen, name="LeNet-5 with its convolutions frozen: 11,014 trainable")


TINY_VGG_LAYERS = ["Conv2d", "ReLU", "Conv2d", "ReLU", "MaxPool2d"] * 2 + ["Flatten", "Linear"]


def _layers(model):
    return [m for m in model.modules() if not list(m.children())]


def _tiny_vgg_shape(c, model, label, channels, hidden):
    layers = _layers(model)
    kinds = [type(m).__name__ for m in layers]
    c.expect(
        kinds == TINY_VGG_LAYERS,
        f"{label}: the layers in order",
        "the layers should be Conv2d, ReLU, Conv2d, ReLU, MaxPool2d twice, then Flatten and Linear",
        expected=", ".join(TINY_VGG_LAYERS),
        got=", ".join(kinds),
    )
    convs = [m for m in layers if isinstance(m, nn.Conv2d)]
    wrong = [str(m) for m in convs if m.kernel_size != (3, 3) or m.padding != (1, 1) or m.stride != (1, 1)]
    c.expect(
        not wrong,
        f"{label}: every convolution is 3×3, stride 1, padding 1",
        "every convolution is kernel_size=3, stride=1, padding=1: the padding keeps a 28×28 map 28×28",
        got="; ".join(wrong),
    )
    sizes = [(m.in_channels, m.out_channels) for m in convs]
    expected = [(channels, hidden)] + [(hidden, hidden)] * 3
    c.expect(
        sizes == expected,
        f"{label}: channels {channels} → {hidden} → {hidden}",
        "the first convolution takes input_shape channels; every convolution gives hidden_units",
        expected=expected,
        got=sizes,
    )
    pools = [m for m in layers if isinstance(m, nn.MaxPool2d)]
    c.expect(
        all(m.kernel_size in (2, (2, 2)) for m in pools),
        f"{label}: each pooling is 2×2",
        "use nn.MaxPool2d(2): it halves the height and the width",
    )
    linear = layers[-1]
    c.expect(
        linear.in_features == hidden * 7 * 7,
        f"{label}: the Linear layer takes {hidden} · 7 · 7",
        "after two 2×2 poolings a 28×28 map is 7×7, so the Linear layer takes hidden_units · 7 · 7 inputs",
        expected=hidden * 7 * 7,
        got=linear.in_features,
    )


def check_TinyVGG(c):
    torch.manual_seed(0)
    model = c.call(1, 10, 10, name="TinyVGG(1, 10, 10)")
    c.expect(
        isinstance(model, nn.Module),
        "TinyVGG is an nn.Module",
        "TinyVGG must subclass nn.Module and call super().__init__()",
        got=type(model).__name__,
    )
    _tiny_vgg_shape(c, model, "TinyVGG(1, 10, 10)", 1, 10)
    count = sum(p.numel() for p in model.parameters())
    c.expect(
        count == 7740,
        "TinyVGG(1, 10, 10) has 7,740 parameters",
        "TinyVGG(1, 10, 10) should have 100 + 3 · 910 + 4,910 = 7,740 parameters",
        expected=7740,
        got=count,
    )
    out = c.call(torch.zeros(1, 1, 28, 28), fn=model, name="TinyVGG(1, 10, 10) on one 1×28×28 image")
    c.expect(
        isinstance(out, torch.Tensor) and out.shape == (1, 10),
        "one image gives [1, 10] scores",
        "forward should return one row of output_shape scores per image",
        expected=[1, 10],
        got=list(out.shape) if isinstance(out, torch.Tensor) else out,
    )
    model = c.call(3, 8, 4, name="TinyVGG(3, 8, 4)")
    _tiny_vgg_shape(c, model, "TinyVGG(3, 8, 4)", 3, 8)
    reference = c.ref(3, 8, 4)
    with torch.no_grad():
        for mine, theirs in zip(reference.parameters(), model.parameters()):
            mine.copy_(theirs)
    x = torch.randn(5, 3, 28, 28)
    out = c.call(x, fn=model, name="TinyVGG(3, 8, 4) on 5 colour images")
    c.expect(
        isinstance(out, torch.Tensor)
        and out.shape == (5, 4)
        and torch.allclose(out, reference(x), atol=1e-5),
        "forward applies block 1, block 2 and the classifier in turn",
        "with the same weights, forward gives other scores than block 1, then block 2, then the classifier",
        expected=reference(x).detach(),
        got=out,
    )
