"""Modal screens: help, export, open file."""
