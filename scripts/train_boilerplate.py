#!/usr/bin/env python3
"""Train the boilerplate model on the AEB development set and report cross-validated F1.

usage: .venv/bin/python scripts/train_boilerplate.py [--eval DIR] [--folds 5] [--out PATH] [--no-write]

Reads ``DIR/clean/aeb/{manifest.json,blocks.jsonl,raw/}`` (DIR defaults to ../shared/eval next to the
checkout).  For every page it runs the real pipeline up to the boilerplate step (segment -> metadata ->
duplicates, as ``reader.clean.pipeline.clean_article`` does), computes the features of
``reader.clean.features`` for OUR blocks and labels them from ``blocks.jsonl`` (matched by offsets; the AEB
raw blocks and ours coincide).

The model is two logistic regressions (numpy, Newton steps with an L2 penalty):

* stage 1 over block + neighbour features;
* stage 2 over stage-1 scores in a window (contiguity), trained on stage-1 scores of the training pages.

Evaluation is **grouped k-fold by site** (the URL's host without ``www.``; a site's pages are never split
between training and test).  Held-out pages are cleaned with ``reader.clean.boilerplate.classify`` and the
fold's model, the clean text is assembled exactly as the CLI does, and scored with the AEB metric imported
from ``score_clean.py`` (page-normalised 4-gram shingle P/R, F1 of the means).  The decision threshold is
fixed (0.45; CV F1 is flat between 0.3 and 0.5); ``--fixed-threshold 0`` chooses it on each fold's training
pages instead.

The shipped model is then fitted on all pages with the same settings; its in-sample F1 is reported too, but
the CV figure is the honest one.  numpy is needed here only, never at runtime.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.clean.boilerplate import (  # noqa: E402
    _NO_RULES,
    MODEL_PATH,
    _comment_sections,
    _page_rules,
    classify,
)
from reader.clean.dedup import find_duplicates  # noqa: E402
from reader.clean.features import (  # noqa: E402
    FEATURE_NAMES,
    STAGE2_NAMES,
    active_blocks,
    block_stats,
    page_features,
    page_info,
    stage2_features,
)
from reader.clean.metadata import find_metadata  # noqa: E402
from reader.clean.segment import segment  # noqa: E402
from reader.model import Article, Block  # noqa: E402

#: Features left out (--drop): their columns are zeroed, so their weights come out 0.
DROPPED: set[str] = set()

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("score_clean", eval_dir / "score_clean.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


class Page:
    __slots__ = ("id", "site", "raw", "truth", "blocks", "info", "hits", "active", "x1", "y", "w", "y_all", "w_all")

    def __init__(self, entry: dict, raw: str, labels: dict[tuple[int, int], int], weighting: str) -> None:
        self.id = entry["id"]
        self.site = urlparse(entry["url"]).netloc.lower().removeprefix("www.")
        self.raw = raw
        self.truth = entry.get("articleBody") or ""
        blocks = segment(raw)
        find_metadata(raw, blocks)
        find_duplicates(raw, blocks)
        self.blocks = blocks
        # The same block facts and rule verdicts as reader.clean.boilerplate.classify.
        stats = block_stats(raw, blocks)
        hits = [r is not _NO_RULES for r in _comment_sections(_page_rules(stats.texts), stats)]
        info = page_info(raw, blocks, hits, stats=stats)
        self.info = info
        self.hits = hits
        self.active = active_blocks(info)
        rows = page_features(raw, blocks, info, hits, self.active)
        self.x1 = np.array(rows, dtype=float).reshape(len(self.active), len(FEATURE_NAMES))
        self.x1[:, [i for i, n in enumerate(FEATURE_NAMES) if n in DROPPED]] = 0.0
        ys = []
        for b in blocks:
            lab = labels.get((b.start, b.end))
            if lab is None:  # fall back to overlap with labelled content blocks
                lab = int(
                    sum(max(0, min(b.end, e) - max(b.start, s)) for (s, e), v in labels.items() if v) * 2
                    > (b.end - b.start)
                )
            ys.append(lab)
        self.y_all = np.array(ys, dtype=float)
        n = np.array([max(len(t.split()), 1) for t in info.texts], dtype=float)
        if weighting == "tokens":
            # Long blocks carry more of the page's shingles: weigh by tokens, per page normalised.
            w = np.sqrt(n)
            w = w / w.sum() * len(blocks)
        else:
            w = np.ones(len(blocks))
        self.w_all = w
        self.y = self.y_all[self.active]
        self.w = w[self.active]

    def fresh_blocks(self) -> list[Block]:
        return [Block(b.index, b.start, b.end, b.kind, b.role, b.reason) for b in self.blocks]


def fit_logreg(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, iters: int = 30) -> tuple[list, float]:
    """Weighted L2 logistic regression (Newton); returns weights and bias on the raw feature scale."""
    mu = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd < 1e-9] = 1.0
    xs = (x - mu) / sd
    xa = np.hstack([xs, np.ones((len(xs), 1))])
    beta = np.zeros(xa.shape[1])
    reg = np.full(xa.shape[1], l2)
    reg[-1] = 0.0
    wsum = w.sum()
    for _ in range(iters):
        z = np.clip(xa @ beta, -30, 30)
        p = 1 / (1 + np.exp(-z))
        g = xa.T @ (w * (p - y)) / wsum + reg * beta
        h = (xa * (w * p * (1 - p))[:, None]).T @ xa / wsum + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    coef = beta[:-1] / sd
    bias = beta[-1] - float((beta[:-1] * mu / sd).sum())
    return [float(c) for c in coef], float(bias)


def stage2_matrix(page: Page, w1: list, b1: float, skip: float) -> np.ndarray:
    z1 = np.full(len(page.blocks), skip)
    if len(page.active):
        z1[page.active] = page.x1 @ np.array(w1) + b1
    rows = stage2_features([float(v) for v in z1], page.info, page.hits, page.blocks, page.active)
    x2 = np.array(rows, dtype=float).reshape(len(page.active), len(STAGE2_NAMES))
    x2[:, [i for i, n in enumerate(STAGE2_NAMES) if n in DROPPED]] = 0.0
    return x2


def train(pages: list[Page], l2: float) -> dict:
    x = np.vstack([p.x1 for p in pages])
    y = np.concatenate([p.y for p in pages])
    w = np.concatenate([p.w for p in pages])
    # Blocks the model skips (short, far from the main region): one constant logit.
    skipped = np.concatenate([np.delete(p.y_all, p.active) for p in pages])
    rate = (skipped.sum() + 1) / (len(skipped) + 2)
    skip = float(np.clip(np.log(rate / (1 - rate)), -8.0, -2.0))
    w1, b1 = fit_logreg(x, y, w, l2)
    x2 = np.vstack([stage2_matrix(p, w1, b1, skip) for p in pages])
    w2, b2 = fit_logreg(x2, y, w, l2)
    return {
        "stage1": {"features": list(FEATURE_NAMES), "weights": w1, "bias": b1},
        "stage2": {"features": list(STAGE2_NAMES), "weights": w2, "bias": b2},
        "threshold": 0.5,
        "skip_logit": round(skip, 4),
    }


def clean_texts(pages: list[Page], model: dict) -> list[str]:
    out = []
    for page in pages:
        blocks = page.fresh_blocks()
        classify(page.raw, blocks, model)
        art = Article(source=page.id, raw=page.raw, blocks=blocks)
        art.assemble()
        out.append(art.clean)
    return out


def score(scorer, pages: list[Page], texts: list[str]) -> tuple[float, float, float]:
    triples = [scorer.page_counts(p.truth, t) for p, t in zip(pages, texts)]
    return scorer.aggregate(triples)


def pick_threshold(scorer, pages: list[Page], model: dict) -> float:
    best = (-1.0, 0.5)
    for t in THRESHOLDS:
        f1 = score(scorer, pages, clean_texts(pages, {**model, "threshold": t}))[0]
        if f1 > best[0]:
            best = (f1, t)
    return best[1]


def folds_by_site(pages: list[Page], k: int) -> list[int]:
    """Fold of each page: sites are hashed into folds (deterministic, balanced by page count)."""
    sites = defaultdict(list)
    for i, p in enumerate(pages):
        sites[p.site].append(i)
    order = sorted(sites, key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    fold_of = [0] * len(pages)
    sizes = [0] * k
    for s in sorted(order, key=lambda s: -len(sites[s])):
        f = min(range(k), key=lambda j: (sizes[j], j))
        for i in sites[s]:
            fold_of[i] = f
        sizes[f] += len(sites[s])
    return fold_of


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=3e-3)
    ap.add_argument("--weighting", choices=("tokens", "uniform"), default="tokens")
    ap.add_argument(
        "--fixed-threshold",
        type=float,
        default=0.45,
        help="decision threshold (default 0.45); 0 = choose it per fold on the training pages",
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--drop",
        default="",
        metavar="NAMES",
        help="comma-separated feature names (stage 1 or 2) to leave out: their weights are 0 (ablation)",
    )
    ap.add_argument("--worst", type=int, default=0, metavar="N", help="list the N worst held-out pages")
    a = ap.parse_args(argv)
    drop = {n for n in a.drop.split(",") if n}
    unknown = drop - set(FEATURE_NAMES) - set(STAGE2_NAMES)
    if unknown:
        ap.error(f"unknown feature names: {', '.join(sorted(unknown))}")
    DROPPED.update(drop)

    base = a.eval / "clean" / "aeb"
    if not (base / "manifest.json").is_file():
        print(f"no development set at {base}", file=sys.stderr)
        return 2
    scorer = load_scorer(a.eval)
    t0 = time.time()
    manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    labels: dict[str, dict[tuple[int, int], int]] = defaultdict(dict)
    with (base / "blocks.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            labels[r["id"]][(r["start"], r["end"])] = int(r["label"] == "content")
    pages = [Page(e, (base / e["raw"]).read_text(encoding="utf-8"), labels[e["id"]], a.weighting) for e in manifest]
    n_blocks = sum(len(p.blocks) for p in pages)
    print(f"{len(pages)} pages, {n_blocks} blocks, {len({p.site for p in pages})} sites ({time.time() - t0:.1f}s)")

    fold_of = folds_by_site(pages, a.folds)
    held_texts: list[str] = [""] * len(pages)
    for f in range(a.folds):
        tr = [p for p, g in zip(pages, fold_of) if g != f]
        te_idx = [i for i, g in enumerate(fold_of) if g == f]
        model = train(tr, a.l2)
        model["threshold"] = a.fixed_threshold or pick_threshold(scorer, tr, model)
        texts = clean_texts([pages[i] for i in te_idx], model)
        for i, t in zip(te_idx, texts):
            held_texts[i] = t
        f1, p, r = score(scorer, [pages[i] for i in te_idx], texts)
        print(f"fold {f}: {len(te_idx)} pages, threshold {model['threshold']}: F1 {f1:.4f} P {p:.4f} R {r:.4f}")
    cv = score(scorer, pages, held_texts)
    print(f"CV (grouped by site, {a.folds} folds) F1 {cv[0]:.4f} P {cv[1]:.4f} R {cv[2]:.4f}")
    if a.worst:
        rows = []
        for page, text in zip(pages, held_texts):
            f1, p, r = score(scorer, [page], [text])
            rows.append((f1, p, r, page.id[:12], page.site))
        for f1, p, r, pid, site in sorted(rows)[: a.worst]:
            print(f"  held-out F1 {f1:.3f} P {p:.3f} R {r:.3f}  {pid}  {site}")

    model = train(pages, a.l2)
    model["threshold"] = a.fixed_threshold or pick_threshold(scorer, pages, model)
    ins = score(scorer, pages, clean_texts(pages, model))
    print(f"in-sample (all pages, threshold {model['threshold']}) F1 {ins[0]:.4f} P {ins[1]:.4f} R {ins[2]:.4f}")
    model["training"] = {
        "data": "AEB development set (clean/aeb): blocks.jsonl labels, our segmentation",
        "pages": len(pages),
        "blocks": n_blocks,
        "l2": a.l2,
        "weighting": a.weighting,
        "cv": {
            "folds": a.folds,
            "grouped_by": "site",
            "f1": round(cv[0], 4),
            "p": round(cv[1], 4),
            "r": round(cv[2], 4),
        },
        "in_sample": {"f1": round(ins[0], 4), "p": round(ins[1], 4), "r": round(ins[2], 4)},
    }
    if not a.no_write:
        for s in ("stage1", "stage2"):
            model[s]["weights"] = [round(v, 6) for v in model[s]["weights"]]
            model[s]["bias"] = round(model[s]["bias"], 6)
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {a.out} ({a.out.stat().st_size} bytes)")
    print(f"done in {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
