"""Exercises of deeper-and-cnn: shapes you can check, and counting parameters (learnpytorch 03,
LeNet-5's 61,706)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise("conv_output_size", "The output size of a convolution or a pooling", page=2,
             task="Write conv_output_size(size, kernel, stride=1, padding=0): the height (or "
                  "width) that Conv2d or MaxPool2d gives for an input of that height: "
                  "(size + 2 * padding - kernel) // stride + 1.",
             hints=["Padding adds to both sides: the input is size + 2 * padding wide. A kernel "
                    "of width k fits (width - k) // stride + 1 times.",
                    "return (size + 2 * padding - kernel) // stride + 1 — whole-number "
                    "division: a last partial window is not computed."]),
    Exercise("count_parameters", "count_parameters: how many numbers a model learns", page=0,
             used_as="count_parameters",
             task="Write count_parameters(model): the number of trainable numbers in a model: "
                  "the sum of numel() over its parameters that require gradients (LeNet-5: "
                  "61,706).",
             hints=["model.parameters() yields tensors; a tensor's numel() is how many numbers "
                    "it holds.",
                    "sum(p.numel() for p in model.parameters() if p.requires_grad)"]),
]
