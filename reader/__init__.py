"""Reading Room: an offline reader for archives of articles."""

__version__ = "0.1.0"
APP_NAME = "Reading Room"
