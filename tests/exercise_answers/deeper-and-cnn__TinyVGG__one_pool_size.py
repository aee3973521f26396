# expect: so the Linear layer takes hidden_units · 7 · 7 inputs
from torch import nn


def block(a, b):
    return nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.ReLU(),
                         nn.Conv2d(b, b, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))


class TinyVGG(nn.Module):
    def __init__(self, input_shape, hidden_units, output_shape):
        super().__init__()
        self.block_1 = block(input_shape, hidden_units)
        self.block_2 = block(hidden_units, hidden_units)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(hidden_units * 14 * 14, output_shape))

    def forward(self, x):
        return self.classifier(self.block_2(self.block_1(x)))
