"""Lessons of the part 'orientation'."""
