"""Shared fixtures: the bundled sample articles and the seed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
SEED = SAMPLES / "000_9cec1556c653d704.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


#: Words for generated stories (tests of batches and clusters need many distinct articles).
TOPIC_WORDS = [
    "council",
    "harbour",
    "bridge",
    "wheat",
    "farmer",
    "tram",
    "airport",
    "mayor",
    "budget",
    "school",
    "river",
    "storm",
    "police",
    "court",
    "minister",
    "election",
    "hospital",
    "museum",
    "festival",
    "railway",
    "market",
    "price",
    "energy",
    "water",
    "forest",
    "village",
    "doctor",
    "teacher",
    "report",
    "vote",
    "plan",
    "year",
    "month",
    "week",
    "city",
    "town",
    "road",
    "street",
    "park",
    "team",
    "match",
    "goal",
    "season",
    "player",
    "coach",
]


def random_story(seed: int, n: int = 120, words: list[str] = TOPIC_WORDS) -> str:
    """Four paragraphs of ``n // 4`` random topic words each, the same for the same seed."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(n // 4)).capitalize() + "." for _ in range(4))
