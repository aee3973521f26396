"""Lessons of the part 'images'."""
