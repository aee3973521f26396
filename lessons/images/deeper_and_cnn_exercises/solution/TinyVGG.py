"""TinyVGG: two conv blocks and a classifier (learnpytorch 03, after CNN Explainer)."""

from torch import nn


def conv_block(channels_in, channels_out):
    return nn.Sequential(
        nn.Conv2d(channels_in, channels_out, kernel_size=3, stride=1, padding=1),
        nn.ReLU(),
        nn.Conv2d(channels_out, channels_out, kernel_size=3, stride=1, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
    )  # halves the height and the width


class TinyVGG(nn.Module):
    def __init__(self, input_shape, hidden_units, output_shape):
        super().__init__()
        self.block_1 = conv_block(input_shape, hidden_units)  # 28×28 -> 14×14
        self.block_2 = conv_block(hidden_units, hidden_units)  # 14×14 -> 7×7
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(hidden_units * 7 * 7, output_shape))

    def forward(self, x):
        return self.classifier(self.block_2(self.block_1(x)))
