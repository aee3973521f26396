"""The output size of a convolution or a pooling.

Write conv_output_size(size, kernel, stride=1, padding=0): the output height (or width) of
nn.Conv2d or nn.MaxPool2d, as a Python int, for an input of height size, a kernel of height
kernel, the given stride and padding (added on each side). Examples from the lesson:
  conv_output_size(32, 5) = 28         (LeNet-5's C1)
  conv_output_size(28, 2, stride=2) = 14   (a 2×2 max-pool)
  conv_output_size(64, 5, stride=2) = 30

Check it with:  tutor check deeper-and-cnn/conv_output_size
"""


def conv_output_size(size, kernel, stride=1, padding=0):
    raise NotImplementedError
