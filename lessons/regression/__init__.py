"""Lessons of the part 'regression'."""
