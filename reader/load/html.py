"""HTML pages (.html, .htm, .xhtml and the same gzipped) as articles.

The raw text of an HTML article is the page's *visible* text: scripts, styles,
templates and hidden elements dropped, one block per block-level element,
blocks separated by a blank line.  That is what the raw pane shows and what
every offset refers to.

Which blocks are the article is decided with two kinds of evidence:

* **the page's main content** as trafilatura finds it (tags, link density,
  class/id names, position; measured F1 0.960 on the AEB pages against 0.955
  for readability-lxml): a visible block whose words are in trafilatura's
  output is kept, the others are removed;
* **the DOM's own signals and the text engine's rules**: a removed block is
  named by its container (``<nav>``, ``<footer>``, ``class="share-bar"``,
  ``id="comments"``...) or by the text engine's keyword rules ("Share this
  article", "© 2024 ..."), else it is "outside the article's main text";
  kept blocks still go through the text engine's duplicate finder.

So every removed block still has a reason.  Page metadata (``<title>``,
``og:*``, ``article:*``, JSON-LD, ``<meta name=author>``) fills the title,
byline, date and publisher; the blocks that repeat them get the title or
metadata role.

trafilatura and lxml are imported lazily (only when an HTML page is loaded),
so ``newsreader --help`` stays fast.
"""

from __future__ import annotations

import codecs
import json
import re
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from reader.errors import LoadError
from reader.load.decode import decode_unicode, mostly_control
from reader.load.files import MAX_BYTES, read_bytes
from reader.model import Article, Block, BlockKind, Reason, Role

#: File suffixes read as HTML (plus the same with ``.gz``).
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Elements whose content is never visible.
_INVISIBLE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "source",
        "track",
        "map",
        "select",
        "option",
        "datalist",
        "input",
        "button",
        "textarea",
        "img",
        "picture",
        "base",
    }
)
#: Elements that start a new block.
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
        "noframes",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WS = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORD = re.compile(r"\w+")

#: DOM container signals: (category, pattern over tag name + class + id).  The
#: first one that matches the nearest container names a removed block.
_DOM_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(pat, re.IGNORECASE))
    for cat, pat in (
        ("cookie", r"cookie|consent|gdpr"),
        ("comments", r"comment|disqus|discussion|respond|reply"),
        ("share", r"share|sharing|social|sociable|addthis|tweet"),
        ("subscribe", r"subscri|newsletter|signup|sign-up|paywall|login|register|regwall"),
        ("ads", r"(^|[\s_-])(ad|ads|adv|advert\w*|sponsor\w*|promo\w*|dfp|banner|outbrain|taboola)([\s_-]|$)"),
        (
            "related",
            r"related|recommend|more-stories|most-popular|popular|trending|read-?more|also-?read|teaser|widget",
        ),
        ("tags", r"(^|[\s_-])(tags?|breadcrumbs?|keywords?|topics?)([\s_-]|$)"),
        ("caption", r"caption|figcaption|credit"),
        ("navigation", r"^nav\b|(^|[\s_-])(nav|navbar|navigation|menu|masthead|header|skip)([\s_-]|$)"),
        ("legal", r"^footer\b|(^|[\s_-])(footer|copyright|legal|disclaimer|colophon)([\s_-]|$)"),
        ("related", r"^aside\b|sidebar"),
    )
)


@dataclass(slots=True)
class _RawBlock:
    text: str
    kind: BlockKind
    links: int  # characters inside <a>
    signal: str | None  # DOM category of the nearest signalling container


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    publisher: str | None = None
    headline: str | None = None  # the <h1> text


# -- bytes to text -----------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL_STR = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x00\x00\x00", "binary data"),
)


def _gunzip(data: bytes) -> bytes:
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, MAX_BYTES)
    except zlib.error as exc:
        raise LoadError(f"not a valid gzip file ({exc})") from None
    if not d.eof and not d.unconsumed_tail and not out:
        # A truncated archive keeps what could be decompressed; this one had nothing.
        raise LoadError("truncated gzip file: nothing could be decompressed")
    return out


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes of a page to text: BOM, then ``<meta charset>`` / http-equiv, then UTF-8, then detection."""
    for sig, what in _SIGNATURES:
        if data.startswith(sig):
            raise LoadError(f"not an HTML page: the file is {what}")
    notes: list[str] = []
    declared = None
    head = data[:4096]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            declared = codecs.lookup(name).name
        except LookupError:
            notes.append(f"unknown charset {name!r} declared, ignored")
    decoded = decode_unicode(data, declared, what="an HTML page")
    if mostly_control(decoded.text):
        raise LoadError("not an HTML page: mostly control characters (binary data)")
    return decoded.text, decoded.encoding, notes + decoded.notes


# -- the DOM -----------------------------------------------------------------


_PARSERS = threading.local()  # lxml parsers must not be shared between threads


def _html_parser():
    """lxml's HTML parser building ``lxml.html`` elements through a C-level class lookup.

    ``lxml.html.HTMLParser`` picks each element's class in a Python ``lookup``
    method, called for every element proxy that any walk over the tree creates
    (ours and trafilatura's: hundreds of thousands on the AEB pages).  Here every
    element is an ``HtmlElement`` (what trafilatura requires) with no Python
    call; only lxml.html's form-control subclasses (``InputElement``...) are not
    used, and nothing here or in trafilatura needs them.  One parser per thread.
    """
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        from lxml import etree, html

        parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=html.HtmlElement,
                comment=html.HtmlComment,
                pi=html.HtmlProcessingInstruction,
                entity=html.HtmlEntity,
            )
        )
        _PARSERS.parser = parser
    return parser


def _parse(text: str):
    from lxml import etree, html

    text = _XML_DECL_STR.sub("", text, count=1)
    if not text.strip():
        raise LoadError("empty HTML page: no text")
    try:
        return html.document_fromstring(text, parser=_html_parser())
    except (etree.ParserError, ValueError) as exc:
        raise LoadError(f"malformed HTML that could not be parsed ({exc})") from None


_SIGNAL_CACHE: dict[tuple, str | None] = {}
_SIGNAL_TAGS = frozenset({"nav", "footer", "aside", "figcaption", "form"})


#: The same patterns for ASCII text already lower-cased (case-sensitive matching is about
#: twice as fast), and all of them in one: most class/id names match none, and then one
#: search answers; else the leftmost match names a candidate and only the signals listed
#: before it still need a look.
_DOM_SIGNALS_LOWER = tuple((cat, re.compile(pat.pattern)) for cat, pat in _DOM_SIGNALS)
_ANY_SIGNAL_LOWER = re.compile("|".join(f"(?P<s{i}>{pat.pattern})" for i, (_, pat) in enumerate(_DOM_SIGNALS)))


def _signal_of(tag: str, cls: str | None, ident: str | None, role: str | None) -> str | None:
    name = tag if tag in _SIGNAL_TAGS else ""  # only these tag names are signals of their own
    key = (name, cls, ident, role)
    try:
        return _SIGNAL_CACHE[key]
    except KeyError:
        pass
    if name == "form" and not (cls or ident):
        name = "subscribe"
    hay = " ".join(x for x in (name, cls, ident, role) if x)
    found = None
    if hay.isascii():
        hay = hay.lower()
        m = _ANY_SIGNAL_LOWER.search(hay)
        if m is not None:
            first = int(m.lastgroup[1:])
            found = _DOM_SIGNALS_LOWER[first][0]
            for cat, pat in _DOM_SIGNALS_LOWER[:first]:
                if pat.search(hay):
                    found = cat
                    break
    else:
        for cat, pat in _DOM_SIGNALS:
            if pat.search(hay):
                found = cat
                break
    if len(_SIGNAL_CACHE) > 50_000:
        _SIGNAL_CACHE.clear()
    _SIGNAL_CACHE[key] = found
    return found


def visible_blocks(root) -> list[_RawBlock]:
    """The page's visible text, one block per block-level element.

    Text nodes keep their own spacing (collapsed), so inline siblings are
    joined as a browser shows them.  Each block remembers the characters it
    has inside links and the DOM signal of its nearest signalling container.
    One pass of ``lxml.etree.iterwalk`` (no recursion, so any depth is fine).
    """
    from lxml import etree

    blocks: list[_RawBlock] = []
    buf: list[str] = []
    links = 0
    kind = BlockKind.PARAGRAPH
    hidden_style = _HIDDEN_STYLE.search
    invisible, block_tags, headings, signal_tags = _INVISIBLE, _BLOCK_TAGS, _HEADINGS, _SIGNAL_TAGS
    para, heading, item = BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM

    def flush(signal: str | None) -> None:
        text = " ".join("".join(buf).split())  # = _norm()
        buf.clear()
        if text:
            blocks.append(_RawBlock(text, kind, links, signal))

    body = root.find("body")
    start = body if body is not None else root
    # Per open element: (signal, inside a link), or None for a skipped (invisible) one.
    stack: list[tuple[str | None, bool] | None] = [(None, False)]
    walker = etree.iterwalk(start, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            signal, in_link = stack[-1] or (None, False)
            if not isinstance(tag, str):  # comments, processing instructions
                stack.append((signal, in_link))
                continue
            if tag in invisible:
                walker.skip_subtree()
                stack.append(None)
                continue
            attrib = el.attrib
            if attrib:
                get = attrib.get
                style = get("style")
                if get("hidden") is not None or get("aria-hidden") == "true" or (style and hidden_style(style)):
                    walker.skip_subtree()
                    stack.append(None)
                    continue
                cls, ident, role = get("class"), get("id"), get("role")
                if cls or ident or role:
                    own = _signal_of(tag, cls, ident, role)
                    if own is not None:
                        signal = own
                elif tag in signal_tags:
                    signal = _signal_of(tag, None, None, None) or signal
            elif tag in signal_tags:
                signal = _signal_of(tag, None, None, None) or signal
            if tag in block_tags:
                if buf:
                    flush(stack[-1][0] if stack[-1] else None)
                links = 0
                kind = heading if tag in headings else item if tag == "li" else para
            link = in_link or tag == "a"
            stack.append((signal, link))
            text = el.text
            if text:
                buf.append(text)
                if link:
                    links += len(text)
            continue
        # end
        top = stack.pop()
        if top is not None and isinstance(tag, str) and tag in block_tags:
            if buf:
                flush(top[0])
            links = 0
            kind = para
        if el is start:
            break
        tail = el.tail
        if tail:  # the text after an element (an <img>, a <script>, a <b>) belongs to the parent
            buf.append(tail)
            parent = stack[-1]
            if parent is not None and parent[1]:
                links += len(tail)
    if buf:
        flush(None)
    return blocks


_META_XPATH = re.compile(r'//meta\[@([\w-]+)="([^"]*)"\]/@content')


def _meta_contents(root) -> dict[tuple[str, str], list[str]]:
    """``<meta>`` contents by (attribute, value) for property/name/itemprop, in document order.

    One walk over the ``<meta>`` elements answers every ``//meta[@a="v"]/@content``.
    """
    out: dict[tuple[str, str], list[str]] = {}
    for el in root.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            value = el.get(attr)
            if value is not None:
                out.setdefault((attr, value), []).append(content)
    return out


def _first_text(root, xpaths: tuple[str, ...], metas: dict[tuple[str, str], list[str]] | None = None) -> str | None:
    """The first non-blank value of the first XPath that has one (``//meta[@a="v"]/@content`` from ``metas``)."""
    for xp in xpaths:
        m = _META_XPATH.fullmatch(xp) if metas is not None else None
        for value in metas.get((m.group(1), m.group(2)), ()) if m else root.xpath(xp):
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def _json_ld(root) -> dict:
    out: dict = {}
    for node in root.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(node)
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            if "headline" in item or "articleBody" in item or "datePublished" in item:
                for key in ("headline", "datePublished", "author", "publisher"):
                    if key in item and key not in out:
                        out[key] = item[key]
    return out


def _name(value) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        value = _WS.sub(" ", value).strip()
        return value or None
    return None


def page_metadata(root) -> PageMeta:
    """Title, byline, date and publisher from the page's meta tags and JSON-LD."""
    ld = _json_ld(root)
    metas = _meta_contents(root)
    meta = PageMeta()
    meta.title = _name(ld.get("headline")) or _first_text(
        root,
        (
            '//meta[@property="og:title"]/@content',
            '//meta[@name="twitter:title"]/@content',
            "//h1//text()",
            "//title/text()",
        ),
        metas,
    )
    h1 = root.find(".//h1")
    meta.headline = _WS.sub(" ", h1.text_content()).strip() or None if h1 is not None else None
    meta.byline = _name(ld.get("author")) or _first_text(
        root,
        (
            '//meta[@name="author"]/@content',
            '//meta[@property="article:author"]/@content',
            '//meta[@name="byl"]/@content',
            '//*[@rel="author"]//text()',
            '//*[@itemprop="author"]//*[@itemprop="name"]//text()',
        ),
        metas,
    )
    if meta.byline and meta.byline.startswith(("http://", "https://")):
        meta.byline = None
    meta.published = _name(ld.get("datePublished")) or _first_text(
        root,
        (
            '//meta[@property="article:published_time"]/@content',
            '//meta[@itemprop="datePublished"]/@content',
            '//meta[@name="date"]/@content',
            '//meta[@name="pubdate"]/@content',
            '//meta[@name="publish-date"]/@content',
            "//time/@datetime",
        ),
        metas,
    )
    meta.publisher = _first_text(
        root, ('//meta[@property="og:site_name"]/@content', '//meta[@name="application-name"]/@content'), metas
    ) or _name(ld.get("publisher"))
    return meta


# -- main content --------------------------------------------------------------


def _main_content(root) -> str:
    """trafilatura's main text of the page (tags, link density, class names, position)."""
    import trafilatura

    try:
        out = trafilatura.extract(
            root,
            include_comments=False,
            include_tables=True,
            include_images=False,
            with_metadata=False,
            deduplicate=False,
            favor_recall=False,
            # No readability/jusText fallback: measured F1 0.966 with our block
            # rules on top either way, and 1.3x faster.
            fast=True,
        )
    except Exception:  # noqa: BLE001 - a third-party extractor must not sink a page
        return ""
    return out or ""


def _norm(text: str) -> str:
    """Whitespace runs collapsed to one space, ends stripped (``\\s+`` and ``str.split()`` agree)."""
    return " ".join(text.split())


def _covered(blocks: list[_RawBlock], main: str) -> list[bool]:
    """Is each visible block part of the main content?

    A block is when it is a whole line (or table cell) of the main text, or
    when at least half of its word 3-grams are in it.  A short block (1-3
    words) is also when it appears inside a line of the main text right next
    to a kept block (an inline fragment the page split off with ``<br>``).
    """
    raw_lines = [_norm(line) for line in main.split("\n")]
    lines = set(raw_lines)
    for line in raw_lines:
        if line.startswith("|"):
            lines.update(_norm(c) for c in line.split("|"))
    lines.discard("")
    words = _WORD.findall(main)
    in_main = set(zip(words, words[1:], words[2:])).__contains__  # the main text's word 3-grams
    findall = _WORD.findall
    out: list[bool] = []
    short: list[int] = []
    for i, block in enumerate(blocks):
        if block.text in lines:
            out.append(True)
            continue
        toks = findall(block.text)
        if len(toks) < 4:
            out.append(False)
            if toks:
                short.append(i)
            continue
        hit = sum(map(in_main, zip(toks, toks[1:], toks[2:])))
        out.append(hit * 2 >= len(toks) - 2)
    if short:
        joined = "\n".join(raw_lines)
        for i in short:
            near = (i > 0 and out[i - 1]) or (i + 1 < len(out) and out[i + 1])
            if near and blocks[i].text in joined:
                out[i] = True
    return out


#: Kept blocks up to this long are checked against the text engine's keyword rules.
_KEYWORD_MAX_CHARS = 240


def _removal_reason(block: _RawBlock) -> Reason:
    from reader.clean.boilerplate import keyword_category

    if block.signal is not None:
        return Reason.boilerplate(block.signal, "page structure (HTML)")
    cat = keyword_category(block.text)
    if cat:
        return Reason.boilerplate(cat)
    text_len = len(block.text)
    if text_len and block.links * 2 >= text_len:
        return Reason.boilerplate("related" if len(_WORD.findall(block.text)) > 3 else "navigation", "link text (HTML)")
    return Reason.boilerplate("outside", "not in the page's main content (HTML)")


def article_from_html_text(text: str, source: str, encoding: str | None = None, notes=None) -> Article:
    """Build an already-classified article from the text of an HTML page."""
    notes = list(notes or [])
    root = _parse(text)
    meta = page_metadata(root)
    raw_blocks = visible_blocks(root)
    if not raw_blocks:
        notes.append("empty HTML page: no visible text")
    main = _main_content(root) if raw_blocks else ""
    if raw_blocks and not main:
        notes.append("no main content found in the page: judged by the text engine")
    raw_parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for i, rb in enumerate(raw_blocks):
        if i:
            pos += 2
        blocks.append(Block(i, pos, pos + len(rb.text), rb.kind))
        raw_parts.append(rb.text)
        pos += len(rb.text)
    raw = "\n\n".join(raw_parts)
    article = Article(source=source, raw=raw, encoding=encoding, notes=notes)
    article.title, article.byline = meta.title, meta.byline
    article.published, article.publisher = meta.published, meta.publisher
    if not main:
        # No DOM verdict: fall back to the text engine over the visible text.
        from reader.clean.pipeline import clean_article

        clean_article(article)  # segments the visible text again: blank-line blocks, same offsets
        return article

    article.blocks = blocks
    from reader.clean.boilerplate import keyword_category

    kept = _covered(raw_blocks, main)
    titles = _title_keys(meta, root)
    title_idx = None
    byline_done = False
    for block, rb, keep in zip(blocks, raw_blocks, kept):
        key = rb.text.casefold()  # block text is already whitespace-normalised
        if key in titles:
            if title_idx is None:
                block.role, block.reason = Role.TITLE, Reason.title()
                title_idx = block.index
            else:
                block.remove(Reason.duplicate(title_idx, 1.0, "the headline again"))
            continue
        if not byline_done and meta.byline and len(rb.text) <= 120 and _byline_like(rb.text, meta.byline):
            block.role, block.reason = Role.METADATA, Reason.metadata("byline")
            byline_done = True
            continue
        if keep and rb.links * 2 >= len(rb.text):
            keep = False  # mostly link text: a menu or a list of other stories
        if keep and len(rb.text) <= _KEYWORD_MAX_CHARS:
            # The text engine's rules inside the main content: "Share this article",
            # "Photo: Reuters", "Sign up for our newsletter"...
            category = keyword_category(rb.text)
            if category:
                block.remove(Reason.boilerplate(category, "inside the main content"))
                continue
        if not keep:
            block.remove(_removal_reason(rb))
    # The text engine's duplicate rules over the kept blocks (it tells template
    # repeats such as interview questions from copies).
    from reader.clean.dedup import find_duplicates

    find_duplicates(raw, blocks)
    article.assemble()
    return article


def _title_keys(meta: PageMeta, root) -> set[str]:
    """The headline as the page gives it: JSON-LD/og title, <h1>, <title> without the site name."""
    keys = {_norm(t).casefold() for t in (meta.title, meta.headline) if t}
    page_title = _first_text(root, ("//title/text()",))
    if page_title:
        keys.add(_norm(page_title).casefold())
        for sep in (" | ", " - ", " – ", " — ", " :: ", " « ", " » "):
            if sep in page_title:
                head = page_title.split(sep)[0].strip()
                if len(head.split()) >= 3:
                    keys.add(head.casefold())
    keys.discard("")
    return keys


def _byline_like(text: str, author: str) -> bool:
    t = text.casefold()
    first = author.split(",")[0].strip().casefold()
    if not first or first not in t:
        return False
    rest = t.replace(first, "").strip(" ,.|·•-:")
    return len(rest) <= 40 and not rest.endswith(".")


def article_from_html_bytes(data: bytes, source: str) -> Article:
    text, encoding, notes = decode_html(data)
    return article_from_html_text(text, source, encoding, notes)


def load_html(path: Path) -> list[Article]:
    data, truncated = read_bytes(path)
    notes: list[str] = []
    if path.suffix.lower() == ".gz":
        data = _gunzip(data)
    if truncated:
        notes.append(f"file larger than {MAX_BYTES // (1024 * 1024)} MB: only the first part was read")
    article = article_from_html_bytes(data, str(path))
    article.notes[:0] = notes
    return [article]


def looks_like_html(text: str) -> bool:
    """Does a string (a JSON record's text) hold HTML markup rather than plain text?"""
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return (
        len(
            re.findall(
                r"</?(?:p|div|br|span|a|h[1-6]|li|ul|article|section|strong|em)\b[^>]*>", text[:20000], re.IGNORECASE
            )
        )
        >= 2
    )


def suffixes() -> tuple[str, ...]:
    return HTML_SUFFIXES + tuple(s + ".gz" for s in HTML_SUFFIXES)


__all__ = [
    "HTML_SUFFIXES",
    "article_from_html_bytes",
    "article_from_html_text",
    "decode_html",
    "load_html",
    "looks_like_html",
    "page_metadata",
    "visible_blocks",
]
