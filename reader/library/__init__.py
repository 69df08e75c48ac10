"""A library of many articles: lazy summaries, story clusters, fuzzy filter and sort.

See :mod:`reader.library.index` (``Library``), :mod:`reader.library.cluster`
and :mod:`reader.library.filter`.  Nothing here imports Textual.
"""
