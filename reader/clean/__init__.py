"""Cleaning: blocks, duplicates, boilerplate, metadata."""

from reader.clean.pipeline import clean_article, clean_text

__all__ = ["clean_article", "clean_text"]
