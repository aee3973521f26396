"""Lessons of the part 'workflow'."""
