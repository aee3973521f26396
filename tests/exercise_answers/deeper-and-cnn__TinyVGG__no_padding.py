# expect: the padding keeps a 28×28 map 28×28
from torch import nn


class TinyVGG(nn.Module):
    def __init__(self, input_shape, hidden_units, output_shape):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(input_shape, hidden_units, 3), nn.ReLU(),
            nn.Conv2d(hidden_units, hidden_units, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(hidden_units, hidden_units, 3), nn.ReLU(),
            nn.Conv2d(hidden_units, hidden_units, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(hidden_units * 4 * 4, output_shape))

    def forward(self, x):
        return self.layers(x)
