"""Lessons of the part 'sequences'."""
