# expect: got 26, expected 28
def conv_output_size(size, kernel, stride=1, padding=0):
    return (size - kernel) // stride + 1
