"""A library of many articles: lazy summaries, story clusters, fuzzy filter and sort.

Nothing here imports Textual.  What the reader UI calls::

    from reader.library.index import Library

    lib = Library.open(paths)          # lists files (+ JSONL line offsets); ~0.25 s for 10,000 files
    lib.problems                       # one-line messages (missing paths, "no article files found")
    lib.entries[i]                     # Entry: name, label, path, record, size, mtime, and once indexed:
                                       #   title, published, publisher, removed_share, entities, blocks, cluster,
                                       #   cluster_size, error
    lib.article(i)                     # the fully processed Article (cleaned + annotated; LRU of 8)
    lib.summarize(i)                   # index one entry in this process (rows on screen)
    for done, total in lib.index_iter(jobs=None):   # the rest, in worker processes (a thread worker
        ...                                         # in the UI); clusters computed at the end
    lib.filter("harbr brdge")          # indices, best first (rapidfuzz over title, publisher, file name)
    lib.sort("name" | "date" | "removed" | "size" | "entities" | "cluster", indices, reverse=False)
    lib.clusters                       # cluster id -> entry indices (after indexing, or lib.cluster())
    lib.copies(i)                      # the other entries of i's story, for the side-by-side view

:mod:`reader.library.cluster` has the fingerprints (MinHash over word 5-gram shingles, confirmed with
rapidfuzz), :mod:`reader.library.filter` the filter and sort.
"""
