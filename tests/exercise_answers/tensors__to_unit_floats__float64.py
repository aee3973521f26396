# expect: the dtype is float64; it should be float32
def to_unit_floats(images):
    return images.double() / 255
