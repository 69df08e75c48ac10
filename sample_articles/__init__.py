"""Bundled sample articles: what `newsreader` opens with no arguments."""
