"""Lessons of the part 'classification'."""
