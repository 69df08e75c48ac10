#!/usr/bin/env python3
"""Save or compare the cleaning output of every development page: did a change alter any result?

usage: .venv/bin/python scripts/compare_outputs.py save OUT.json [--root DIR] [--eval DIR]
       .venv/bin/python scripts/compare_outputs.py check REF.json [--root DIR] [--eval DIR]

Cleans (``article_from_bytes`` + ``clean_article``, as ``newsreader clean`` does) every AEB raw page
and AEB duplicate-set document under ``--eval`` (default ../shared/eval next to the checkout), every
file of ``sample_articles/`` and the seed, and records each page's JSON export (blocks, roles, reasons,
metadata, clean text).  ``--root`` is the checkout whose ``reader`` package is used (default: this
one), so the outputs of two versions can be compared, for example an older commit checked out with
``git worktree add /tmp/old <commit>``::

    python scripts/compare_outputs.py save /tmp/ref.json --root /tmp/old
    python scripts/compare_outputs.py check /tmp/ref.json

``check`` prints how many pages differ and, for the first few, the first block that differs; it
exits 1 when any page differs.  Pages are keyed by their path relative to their set, so the keys do
not depend on where the checkout is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def pages(root: Path, eval_dir: Path) -> list[tuple[str, Path]]:
    """(key, path) of every page to clean."""
    sets = [
        ("aeb-raw", eval_dir / "clean" / "aeb" / "raw"),
        ("aeb-dedup", eval_dir / "dedup" / "aeb" / "docs"),
        ("samples", root / "sample_articles"),
        ("seed", eval_dir.parent / "seeds"),
    ]
    out = []
    for name, base in sets:
        if base.is_dir():
            out += [(f"{name}/{p.name}", p) for p in sorted(base.iterdir()) if p.is_file() and p.suffix != ".py"]
    return out


def outputs(root: Path, eval_dir: Path) -> dict[str, str]:
    sys.path.insert(0, str(root))
    from reader.clean import clean_article
    from reader.errors import LoadError
    from reader.export import to_dict
    from reader.load.text import article_from_bytes

    out = {}
    for key, path in pages(root, eval_dir):
        try:
            article = clean_article(article_from_bytes(path.read_bytes(), key))
        except LoadError as exc:
            out[key] = f"error: {exc}"
            continue
        out[key] = json.dumps(to_dict(article), sort_keys=True, ensure_ascii=False)
    return out


def first_difference(ref: str, new: str) -> str:
    if ref.startswith("error") or new.startswith("error"):
        return f"{ref[:80]} -> {new[:80]}"
    a, b = json.loads(ref), json.loads(new)
    for i, (x, y) in enumerate(zip(a["blocks"], b["blocks"])):
        if x != y:
            changed = ", ".join(f"{k} {x.get(k)} -> {y.get(k)}" for k in sorted(x) if x.get(k) != y.get(k))
            return f"block {i} {x['text'][:40]!r}: {changed}"
    if len(a["blocks"]) != len(b["blocks"]):
        return f"{len(a['blocks'])} blocks -> {len(b['blocks'])}"
    return "fields: " + ", ".join(k for k in sorted(a) if a.get(k) != b.get(k))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("file", type=Path)
    ap.add_argument("--root", type=Path, default=HERE)
    ap.add_argument("--eval", type=Path, default=HERE.parent / "shared" / "eval")
    a = ap.parse_args(argv)
    new = outputs(a.root.resolve(), a.eval)
    if a.mode == "save":
        a.file.write_text(json.dumps(new), encoding="utf-8")
        print(f"saved the outputs of {len(new)} pages to {a.file}")
        return 0
    ref = json.loads(a.file.read_text(encoding="utf-8"))
    keys = sorted(set(ref) | set(new))
    differ = [k for k in keys if ref.get(k) != new.get(k)]
    print(f"{len(keys)} pages, {len(differ)} differ")
    for key in differ[:10]:
        if key not in ref or key not in new:
            print(f"  {key}: only in the {'new' if key in new else 'reference'} outputs")
        else:
            print(f"  {key}: {first_difference(ref[key], new[key])}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
