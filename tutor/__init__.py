"""tutor: learn how neural networks train, in the terminal."""

__version__ = "0.1.0"
