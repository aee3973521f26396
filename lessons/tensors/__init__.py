"""Lessons of the part 'tensors'."""
