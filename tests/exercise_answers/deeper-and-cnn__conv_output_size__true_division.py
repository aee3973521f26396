# expect: got 28.0, a float; expected the int 28
def conv_output_size(size, kernel, stride=1, padding=0):
    return (size + 2 * padding - kernel) / stride + 1
