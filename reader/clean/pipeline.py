"""The cleaning pipeline: segment → metadata → duplicates → boilerplate → assemble.

Each step is a small function over the article's blocks; this module only
runs them in order.  ``clean_article`` is what the CLI, the UI and the
benchmarks call, so they all see the same result.
"""

from __future__ import annotations

from reader.clean.boilerplate import classify
from reader.clean.dedup import find_duplicates
from reader.clean.features import block_stats
from reader.clean.metadata import find_metadata
from reader.clean.segment import segment
from reader.model import Article, Role


def clean_article(article: Article) -> Article:
    """Segment and classify ``article.raw``; fills blocks, metadata and clean text.

    An article whose loader already classified its blocks (HTML pages, where
    the DOM gave the verdicts) is returned as it is.
    """
    if article.blocks:
        return article
    raw = article.raw
    blocks = segment(raw)
    stats = block_stats(raw, blocks)  # texts, word counts, sentence ends: shared by the steps
    fields = find_metadata(raw, blocks, stats)
    find_duplicates(raw, blocks, stats.texts)
    if fields["title"] is not None and not any(b.role is Role.TITLE for b in blocks):
        # The title block was a teaser of the body (removed as a duplicate): no title.
        fields["title"] = None
    classify(raw, blocks, stats=stats)
    article.blocks = blocks
    article.title = article.title or fields["title"]
    article.byline = article.byline or fields["byline"]
    article.published = article.published or fields["published"]
    article.publisher = article.publisher or fields["publisher"]
    article.assemble()
    return article


def clean_text(text: str, source: str = "<text>") -> Article:
    """Clean a string (already decoded)."""
    from reader.load.decode import normalise_newlines

    return clean_article(Article(source=source, raw=normalise_newlines(text)))
