"""newsreader: make scraped news readable."""

__version__ = "0.1.0"
