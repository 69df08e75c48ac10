"""Bytes to text: BOMs, UTF-8, legacy encodings, newlines, mojibake.

The decoded text is what every offset refers to: newlines are normalised to
``\\n`` here, once, before anything else sees the text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from reader.errors import LoadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Sequences that UTF-8 read as cp1252/latin-1 produces ("â€™", "Ã©", "Â ").
_MOJIBAKE = re.compile(
    "[ÂÃâ][\u0080-\u00bf\u2000-\u203a\u20ac\u0152-\u0178\u02c6\u02dc\u0160-\u0161\u017d-\u017e\u0192]"
)
_NEWLINES = re.compile(r"\r\n?")
# C0 controls other than tab/newline, DEL: a text article has almost none.  Counted on
# UTF-8 bytes (bytes.translate deletes them in C): in UTF-8 each of these characters is
# exactly one byte, and no other character has a byte below 0x80.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
#: How much of a text :func:`mostly_control` looks at (characters).
_CONTROL_SAMPLE = 65536


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


# Known binary signatures (images, archives, PDFs, executables).
_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


def _looks_binary(data: bytes) -> bool:
    # find() with bounds looks at the first 64 KiB without copying them.
    return data.find(b"\x00", 0, 65536) != -1 or data.startswith(_SIGNATURES)


def _detect(data: bytes) -> str:
    """Guess a legacy encoding with charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return "cp1252"
    return best.encoding


def _repair_mojibake(text: str) -> tuple[str, bool]:
    # Mojibake starts with "Â", "Ã" or "â": str.find (a memchr-like scan) rules most
    # texts out much faster than the regex, which then starts at the first candidate.
    found = [i for i in map(text.find, "ÂÃâ") if i >= 0]
    if not found or not _MOJIBAKE.search(text, min(found)):
        return text, False
    import ftfy

    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


#: Half of a UTF-16 pair on its own: a JSON escape ("\\ud83d" cut from its partner) or a
#: legacy decoder (UTF-7) can leave one, and no UTF-8 writer takes it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def mend_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if text.isascii():
        return text, 0
    return _LONE_SURROGATE.subn("\ufffd", text)


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text


def decode_unicode(data: bytes, declared: str | None = None, what: str = "a text article") -> Decoded:
    """Bytes to text, nothing more: a BOM, else the ``declared`` charset, else UTF-8, else detection.

    ``what`` names the input in the error raised for binary data ("not a text article ...").
    A declared charset that the bytes contradict falls back to UTF-8 when they are valid UTF-8.
    Lone surrogates that a legacy decoder leaves are replaced (and noted).
    """
    decoded = _decode_unicode(data, declared, what)
    if decoded.encoding != "utf-8":  # (Python's UTF-8, UTF-16 and UTF-32 decoders never leave one)
        decoded.text, broken = mend_surrogates(decoded.text)
        if broken:
            decoded.notes.append(
                f"{broken} broken character{'s' if broken > 1 else ''} (half a UTF-16 pair) replaced with U+FFFD"
            )
    return decoded


def _decode_unicode(data: bytes, declared: str | None, what: str) -> Decoded:
    notes: list[str] = []
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            data = data[len(bom) :]
            notes.append(f"byte-order mark: {name}")
            break
    if encoding is None and _looks_binary(data):
        raise LoadError(f"not {what} (binary data)")
    if encoding is None and declared:
        encoding = "cp1252" if declared in ("latin-1", "iso8859-1", "ascii") else declared  # as browsers do
        try:
            return Decoded(data.decode(encoding), encoding, notes)
        except UnicodeDecodeError:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                notes.append(f"invalid {encoding} bytes replaced")
                return Decoded(data.decode(encoding, errors="replace"), encoding, notes)
            notes.append(f"declared charset {encoding} was wrong: decoded as utf-8")
            return Decoded(text, "utf-8", notes)
    if encoding is None:
        try:
            return Decoded(data.decode("utf-8"), "utf-8", notes)
        except UnicodeDecodeError:
            encoding = _detect(data)
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                encoding = "cp1252"
                text = data.decode(encoding, errors="replace")
            notes.append(f"decoded as {encoding} (detected)")
            return Decoded(text, encoding, notes)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        notes.append(f"invalid {encoding} bytes replaced")
    return Decoded(text, encoding, notes)


def _too_many_controls(utf8: bytes, chars: int) -> bool:
    """Do the UTF-8 bytes of a ``chars``-character sample hold more control characters than a text has?"""
    controls = len(utf8) - len(utf8.translate(None, _CONTROL_BYTES))
    return chars > 0 and controls > max(8, chars // 20)


def mostly_control(text: str) -> bool:
    """Does the start of ``text`` hold more control characters than a text has (binary data)?"""
    sample = text[:_CONTROL_SAMPLE]
    # surrogatepass: a lone surrogate (from a legacy decoder) is not an error here.
    return _too_many_controls(sample.encode("utf-8", "surrogatepass"), len(sample))


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` as article text or raise :class:`LoadError`.

    Newlines are normalised to ``\\n`` and mojibake is repaired (and noted).
    """
    decoded = decode_unicode(data)
    if decoded.encoding == "utf-8" and len(data) <= _CONTROL_SAMPLE:
        # The whole text is the sample and ``data`` already holds its UTF-8 bytes (plus
        # perhaps a BOM, and invalid bytes that became U+FFFD: neither is a control byte).
        binary = _too_many_controls(data, len(decoded.text))
    else:
        binary = mostly_control(decoded.text)
    if binary:
        raise LoadError("not a text article (mostly control characters)")
    text = normalise_newlines(decoded.text)
    text, repaired = _repair_mojibake(text)
    if repaired:
        decoded.notes.append("mojibake repaired (ftfy)")
    decoded.text = text
    return decoded
