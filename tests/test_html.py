"""HTML pages: visible text as blocks, DOM + text-engine verdicts, metadata, charsets, bad input."""

from __future__ import annotations

import gzip

import pytest

from reader.errors import LoadError
from reader.load import load_path
from reader.load.html import decode_html

BODY = [
    "The harbour bridge reopened on Tuesday after eighteen months of repairs, the city council said in a statement.",
    "Engineers replaced the steel cables and resurfaced the deck, which carries forty thousand vehicles a day.",
    "Local businesses said the closure had cost them customers, and welcomed the news with a street party.",
    "The mayor thanked residents for their patience and promised that the cycle lanes would open next month.",
]

PAGE = (
    """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Harbour bridge reopens | Example News</title>
<meta property="og:title" content="Harbour bridge reopens">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-05-07T09:30:00Z">
<meta property="og:site_name" content="Example News">
<style>p { color: red }</style>
<script>var tracking = "do not show me";</script>
</head><body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article>
<h1>Harbour bridge reopens</h1>
<p class="byline">By Jane Reporter</p>
<p>{0}</p>
<p>{1} <img src="x.jpg"> </p>
<div style="display:none">Hidden text that nobody sees</div>
<p>{2}</p>
<p>{3}</p>
</article>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Council approves new budget for the next year</a></li><li><a href="/b">Ferry timetable changes announced for the summer</a></li></ul></aside>
<footer><p>© 2024 Example News. All rights reserved.</p></footer>
</body></html>
""".replace("{0}", BODY[0])
    .replace("{1}", BODY[1])
    .replace("{2}", BODY[2])
    .replace("{3}", BODY[3])
)


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "bridge.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_raw_is_the_visible_text_as_blocks(page):
    (article,) = load_path(page)
    raw = article.raw
    assert "tracking" not in raw and "color: red" not in raw and "Hidden text" not in raw
    assert BODY[0] in raw
    for block in article.blocks:
        text = raw[block.start : block.end]
        assert text == text.strip() and "\n\n" not in text
    # blocks are separated by blank lines and cover the raw text
    assert "\n\n".join(b.text(raw) for b in article.blocks) == raw


def test_clean_text_is_the_article_and_every_removal_has_a_reason(page):
    (article,) = load_path(page)
    assert article.clean == "\n\n".join(BODY)
    for block in article.blocks:
        assert block.kept or block.reason is not None
    reasons = {b.text(article.raw): b.reason for b in article.blocks if not b.kept}
    assert reasons["Harbour bridge reopens"].kind == "title"
    assert reasons["By Jane Reporter"].kind == "metadata"
    assert reasons["© 2024 Example News. All rights reserved."].kind == "boilerplate"
    cookie = next(r for t, r in reasons.items() if t.startswith("We use cookies"))
    assert cookie.category == "cookie"
    menu = reasons["Home"]
    assert menu.kind == "boilerplate" and menu.category == "navigation"


def test_page_metadata_fills_the_fields(page):
    (article,) = load_path(page)
    assert article.title == "Harbour bridge reopens"
    assert article.byline == "Jane Reporter"
    assert article.published.startswith("2024-05-07")
    assert article.publisher == "Example News"


def test_duplicates_inside_the_article_are_found(tmp_path):
    page = PAGE.replace(f"<p>{BODY[3]}</p>", f"<p>{BODY[3]}</p><p>{BODY[1]}</p>")
    path = tmp_path / "dup.htm"
    path.write_text(page, encoding="utf-8")
    (article,) = load_path(path)
    dups = [b for b in article.blocks if b.reason is not None and b.reason.kind == "duplicate"]
    assert len(dups) == 1 and article.raw[dups[0].start : dups[0].end] == BODY[1]


def test_gzipped_page(tmp_path):
    path = tmp_path / "bridge.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (article,) = load_path(path)
    assert article.clean.startswith(BODY[0])


@pytest.mark.parametrize(
    ("data", "encoding", "needle"),
    [
        (
            '<html><head><meta charset="windows-1251"></head><body><p>Привет мир</p></body></html>'.encode("cp1251"),
            "cp1251",
            "Привет мир",
        ),
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Café crème</p></body></html>'.encode(
                "latin-1"
            ),
            "cp1252",
            "Café crème",
        ),
        (b"\xef\xbb\xbf<html><body><p>caf\xc3\xa9</p></body></html>", "utf-8", "café"),
        (
            "<html><body><p>Grüße aus München, schöne Stadt mit vielen Gärten</p></body></html>".encode(),
            "utf-8",
            "Grüße",
        ),
    ],
)
def test_charset(data, encoding, needle):
    text, enc, _notes = decode_html(data)
    assert enc == encoding and needle in text


def test_charset_detected_without_declaration():
    data = "<html><body><p>Les cafés de Lyon sont très animés le soir, près des quais.</p></body></html>".encode(
        "cp1252"
    )
    text, _enc, notes = decode_html(data)
    assert "cafés" in text and "detected" in " ".join(notes)


def test_truncated_html_still_loads(tmp_path):
    path = tmp_path / "cut.html"
    path.write_text(PAGE[: PAGE.index(BODY[2]) + 40], encoding="utf-8")
    (article,) = load_path(path)
    assert BODY[0] in article.raw


def test_image_named_html_is_a_clear_error(tmp_path):
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    with pytest.raises(LoadError, match="not an HTML page: the file is a PNG image"):
        load_path(path)


def test_binary_and_empty_pages(tmp_path):
    binary = tmp_path / "blob.htm"
    binary.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(LoadError, match="not an HTML page"):
        load_path(binary)
    empty = tmp_path / "empty.html"
    empty.write_text("   ")
    with pytest.raises(LoadError, match="empty HTML page"):
        load_path(empty)
    bad_gz = tmp_path / "bad.html.gz"
    bad_gz.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(LoadError):
        load_path(bad_gz)


def test_page_without_main_content_falls_back_to_the_text_engine(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><ul><li><a href='/'>Home</a></li><li><a href='/x'>News</a></li></ul></body></html>")
    (article,) = load_path(path)
    assert article.raw == "Home\n\nNews"
    for block in article.blocks:
        assert block.kept or block.reason is not None


def test_pathologically_deep_markup(tmp_path):
    deep = "<div>" * 1500 + f"<p>{BODY[1]}</p>" + "</div>" * 1500
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body><p>{BODY[0]}</p>{deep}</body></html>")
    (article,) = load_path(path)
    assert BODY[0] in article.raw and BODY[1] in article.raw


def test_parsed_tree_is_lxml_html_in_every_thread():
    """The parser (one per thread, C-level class lookup) gives trafilatura the lxml.html tree it needs."""
    import threading

    from lxml import html

    from reader.load.html import _html_parser, _parse

    root = _parse(PAGE)
    assert all(isinstance(el, html.HtmlElement) for el in root.iter())
    form = _parse("<html><body><form><input name=q><select><option>a</option></select></form></body></html>")
    assert all(isinstance(el, html.HtmlElement) for el in form.iter())
    assert "harbour bridge" in root.find(".//h1").text_content().lower()
    seen = []
    t = threading.Thread(target=lambda: seen.append(_html_parser()))
    t.start()
    t.join()
    assert seen and seen[0] is not _html_parser()


@pytest.mark.parametrize(
    ("tag", "cls", "ident", "role", "expected"),
    [
        ("div", "Main-Nav share-bar", None, None, "share"),  # listed order, not leftmost match, decides
        ("div", "AD-slot", None, None, "ads"),
        ("div", "header", "comments", None, "comments"),
        ("nav", None, None, None, "navigation"),
        ("form", None, None, None, "subscribe"),
        ("div", "story-body", "main", "main", None),
        ("div", "ſhare-bar", None, None, "share"),  # non-ASCII: the case-insensitive patterns
    ],
)
def test_dom_signal_is_the_first_listed_category_that_matches(tag, cls, ident, role, expected):
    from reader.load.html import _DOM_SIGNALS, _SIGNAL_CACHE, _signal_of

    _SIGNAL_CACHE.clear()
    assert _signal_of(tag, cls, ident, role) == expected
    name = "subscribe" if tag == "form" and not (cls or ident) else tag if tag in ("nav", "footer", "aside") else ""
    hay = " ".join(x for x in (name, cls, ident, role) if x)
    assert next((cat for cat, pat in _DOM_SIGNALS if pat.search(hay)), None) == expected


def test_meta_tags_read_in_one_walk_give_what_the_xpaths_give():
    from reader.load.html import _first_text, _meta_contents, _parse, page_metadata

    root = _parse(
        """<html><head><meta name="author" content="  "><meta name="author" content="Ann  Lee">
        <meta property="article:author" content="Bob"><meta itemprop="datePublished" content="2024-01-02">
        <meta property="og:site_name" name="application-name" content="Site"></head>
        <body><p>text</p></body></html>"""
    )
    xpaths = (
        '//meta[@name="author"]/@content',
        '//meta[@property="article:author"]/@content',
        '//meta[@itemprop="datePublished"]/@content',
        '//meta[@name="application-name"]/@content',
        '//meta[@name="missing"]/@content',
    )
    metas = _meta_contents(root)
    for xp in xpaths:
        assert _first_text(root, (xp,), metas) == _first_text(root, (xp,))
    meta = page_metadata(root)
    assert (meta.byline, meta.published, meta.publisher) == ("Ann Lee", "2024-01-02", "Site")
