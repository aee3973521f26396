"""Lessons of the part 'generalisation'."""
