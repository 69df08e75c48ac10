"""Decoding bytes into article text: BOMs, legacy encodings, newlines, mojibake, binary."""

import codecs

import pytest

from reader.errors import LoadError
from reader.load.decode import decode_bytes, decode_unicode, mostly_control

TEXT = "Café owners said the “plan” would cost them – dearly.\nSecond line.\n"


@pytest.mark.parametrize(
    "bom, codec",
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_unicode_with_and_without_bom(bom, codec):
    decoded = decode_bytes(bom + TEXT.encode(codec))
    assert decoded.text == TEXT
    assert not decoded.text.startswith("\ufeff")


def test_cp1252_is_detected(samples_dir):
    data = (samples_dir / "04_lyon_cafes_cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode_bytes(data)
    assert "Lyon’s old town" in decoded.text
    assert "Hélène Marchand" in decoded.text
    assert any("detected" in note for note in decoded.notes)


def test_cyrillic_legacy_encoding_is_detected():
    text = (
        "Правительство объявило о новых мерах поддержки малого бизнеса. "
        "Министр экономики заявил, что программа начнёт работать в следующем месяце, "
        "а заявки можно будет подавать через портал государственных услуг.\n"
    ) * 3
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text


def test_newlines_are_normalised():
    decoded = decode_bytes(b"one\r\ntwo\rthree\n")
    assert decoded.text == "one\ntwo\nthree\n"


def test_mojibake_is_repaired_and_noted(samples_dir):
    data = (samples_dir / "05_barley_gene_mojibake.txt").read_bytes()
    assert "â€™".encode() in data
    decoded = decode_bytes(data)
    assert "plant’s growth" in decoded.text
    assert "â€" not in decoded.text
    assert "Renée" in decoded.text
    assert any("mojibake" in note for note in decoded.notes)


def test_clean_text_is_not_touched_by_mojibake_repair():
    text = "São Paulo’s mayor said “no”. Ação e reação.\n"
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.notes == []


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"PK\x03\x04" + b"\x00" * 100,
        b"hello\x00world" * 50,
        bytes(range(1, 32)) * 200,
    ],
)
def test_binary_is_rejected_with_a_clear_message(data):
    with pytest.raises(LoadError, match="not a text article"):
        decode_bytes(data)


def test_empty_bytes_decode_to_empty_text():
    assert decode_bytes(b"").text == ""


@pytest.mark.parametrize("controls", [0, 8, 9, 20, 21, 60])
@pytest.mark.parametrize("filler", ["a", "é", "“", "😀"])
def test_control_characters_are_counted_per_character(controls, filler):
    # 400 characters: the limit is 20 control characters (one in twenty), at least 8.
    text = "\x01" * controls + filler * (400 - controls)
    binary = controls > 20
    assert mostly_control(text) is binary
    for data in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-16")):
        if binary:
            with pytest.raises(LoadError, match="mostly control"):
                decode_bytes(data)
        else:
            assert decode_bytes(data).text == text


def test_a_lone_surrogate_from_a_legacy_decoder_is_replaced_and_noted():
    # UTF-7 can spell half a UTF-16 pair ("+2AA-"); nothing downstream could write it as UTF-8.
    decoded = decode_unicode(b"Caf+AOk- +2AA- news", declared="utf-7")
    assert decoded.text == "Café \ufffd news"
    assert decoded.notes == ["1 broken character (half a UTF-16 pair) replaced with U+FFFD"]
    assert decode_unicode("Café news".encode()).notes == []
