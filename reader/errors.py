"""Errors the engine reports to people: one line each."""


class LoadError(Exception):
    """An input could not be read as an article; the message is one line."""
