"""Generate a library folder of N scraped-news text files with planted syndicated copies.

usage: python benchmarks/make_library.py OUTDIR [--n 10000] [--copies 0.08] [--seed 1]

Built from the development data in ../shared/eval (never copied into the
repository): article paragraphs from dedup/aeb/docs (injected duplicates
left out using gold.jsonl) and page chrome (the first and last blocks of the
naive-scraper pages in clean/aeb/raw).  Each base article mixes 5-12
paragraphs drawn at random, so the N articles are distinct stories; a share
of them (``--copies``) get 1-3 syndicated copies: another site's header and
footer, a changed title, whitespace noise, one word changed in a paragraph,
the last paragraph dropped or an update paragraph added.

The ground truth (file name -> story id) goes to OUTDIR/.truth.json (hidden,
so the library does not load it).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def _pools(eval_dir: Path) -> tuple[list[str], list[list[str]], list[list[str]]]:
    paragraphs: list[str] = []
    seen: set[str] = set()
    dedup = eval_dir / "dedup" / "aeb"
    for line in (dedup / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (dedup / "docs" / f"{row['id']}.txt").read_text(encoding="utf-8")
        for para in row["paragraphs"]:
            if para["dup"]:
                continue
            p = text[para["start"] : para["end"]].strip()
            if len(p) >= 80 and p not in seen:
                seen.add(p)
                paragraphs.append(p)
    headers: list[list[str]] = []
    footers: list[list[str]] = []
    for path in sorted((eval_dir / "clean" / "aeb" / "raw").glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        short = [b for b in blocks if len(b) < 120]
        if len(short) >= 12:
            headers.append(short[:8])
            footers.append(short[-6:])
    return paragraphs, headers, footers


def _noise(text: str, rng: random.Random) -> str:
    return text.replace(" ", "  ", 2) if rng.random() < 0.5 else text.replace(". ", ".\u00a0", 1)


def _change_word(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    if len(words) < 8:
        return text
    i = rng.randrange(1, len(words) - 1)
    words[i] = rng.choice(["reportedly", "also", "officially", "now", "again", "still"])
    return " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--copies", type=float, default=0.08, help="share of base stories that get copies")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--eval", default=str(EVAL))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    paragraphs, headers, footers = _pools(Path(args.eval))
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)

    stories: list[tuple[str, list[str]]] = []  # (title, body paragraphs) per story
    files: list[tuple[int, str]] = []  # (story id, text)
    while len(files) < args.n:
        sid = len(stories)
        body = rng.sample(paragraphs, rng.randint(5, 12))
        words = re.findall(r"[\w'’-]+", body[0])[: rng.randint(6, 11)]
        title = " ".join(words).strip().capitalize()
        stories.append((title, body))
        n_copies = rng.randint(1, 3) if rng.random() < args.copies else 0
        for c in range(1 + n_copies):
            if len(files) >= args.n:
                break
            t, b = title, list(body)
            if c:
                kind = rng.randrange(5)
                if kind == 0:
                    b = [_noise(p, rng) for p in b]
                elif kind == 1:
                    k = rng.randrange(len(b))
                    b[k] = _change_word(b[k], rng)
                elif kind == 2 and len(b) > 5:
                    b = b[:-1]
                elif kind == 3:
                    b.append("Update: this story has been updated with new information from officials.")
                t = rng.choice([t, t + " - update", "UPDATED: " + t, t.upper()])
            head = rng.choice(headers)
            foot = rng.choice(footers)
            text = "\n\n".join([*head[: rng.randint(2, 8)], t, *b, *foot[: rng.randint(2, 6)]]) + "\n"
            files.append((sid, text))
    order = list(range(len(files)))
    rng.shuffle(order)
    truth: dict[str, int] = {}
    for rank, idx in enumerate(order):
        sid, text = files[idx]
        name = f"{rank:05d}-story.txt"
        (out / name).write_text(text, encoding="utf-8")
        truth[name] = sid
    (out / ".truth.json").write_text(json.dumps(truth), encoding="utf-8")
    groups = {}
    for sid in truth.values():
        groups[sid] = groups.get(sid, 0) + 1
    copies = sum(n - 1 for n in groups.values() if n > 1)
    print(f"wrote {len(files)} articles ({len(stories)} stories, {copies} planted copies) to {out}")


if __name__ == "__main__":
    main()
