"""The output size of a convolution or a pooling."""


def conv_output_size(size, kernel, stride=1, padding=0):
    return (size + 2 * padding - kernel) // stride + 1
