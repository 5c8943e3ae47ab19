"""jixiao: fiscal project performance evaluation reports as structured, checked records."""

__version__ = "0.1.0"
