"""Exercises of deeper-and-cnn: shapes you can check, and counting parameters (learnpytorch 03,
LeNet-5's 61,706), and
learnpytorch's TinyVGG built layer by layer."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "conv_output_size",
        "The output size of a convolution or a pooling",
        page=2,
        task="Write conv_output_size(size, kernel, stride=1, padding=0): the height (or "
        "width) that Conv2d or MaxPool2d gives for an input of that height: "
        "(size + 2 * padding - kernel) // stride + 1.",
        hints=[
            "Padding adds to both sides: the input is size + 2 * padding wide. A kernel "
            "of width k fits (width - k) // stride + 1 times.",
            "return (size + 2 * padding - kernel) // stride + 1 — whole-number "
            "division: a last partial window is not computed.",
        ],
    ),
    Exercise(
        "count_parameters",
        "count_parameters: how many numbers a model learns",
        page=0,
        used_as="count_parameters",
        task="Write count_parameters(model): the number of trainable numbers in a model: "
        "the sum of numel() over its parameters that require gradients (LeNet-5: "
        "61,706).",
        hints=[
            "model.parameters() yields tensors; a tensor's numel() is how many numbers it holds.",
            "sum(p.numel() for p in model.parameters() if p.requires_grad)",
        ],
    ),
    Exercise(
        "TinyVGG",
        "TinyVGG: two conv blocks and a classifier (learnpytorch 03)",
        page=3,
        function="TinyVGG",
        task="Write the class TinyVGG(input_shape, hidden_units, output_shape): twice "
        "[Conv2d 3×3 padding 1, ReLU, Conv2d 3×3 padding 1, ReLU, MaxPool2d(2)], then "
        "Flatten and one Linear to output_shape scores, for 28×28 images. "
        "TinyVGG(1, 10, 10) has 7,740 parameters.",
        hints=[
            "padding=1 keeps a 3×3 convolution's output 28×28; each MaxPool2d(2) halves it: 28 → 14 → 7.",
            "The Linear layer takes what Flatten gives: hidden_units · 7 · 7 numbers (490 for 10 channels).",
            "Two nn.Sequential blocks and a classifier nn.Sequential(nn.Flatten(), "
            "nn.Linear(hidden_units * 7 * 7, output_shape)); forward applies the three "
            "in turn.",
        ],
    ),
]
