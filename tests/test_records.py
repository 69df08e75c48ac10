"""JSON and JSON Lines records: shapes, field detection, HTML records, bad lines, streaming."""

from __future__ import annotations

import gzip
import json

import pytest

from reader.errors import LoadError
from reader.load import iter_path, load_path
from reader.load.records import Options, RecordProblem, iter_records, read_record, record_article
from reader.model import Article

TEXT = "The council voted on Tuesday to extend the tram line to the airport, a project expected to take four years."
TEXT2 = "Farmers in the north finished the wheat harvest two weeks early this year thanks to a dry and sunny August."


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_one_article_per_line_numbered_from_one(tmp_path):
    path = _write(
        tmp_path / "feed.jsonl",
        [json.dumps({"title": "Tram", "text": TEXT}), json.dumps({"headline": "Wheat", "body": TEXT2})],
    )
    articles = load_path(path)
    assert [a.record for a in articles] == [1, 2]
    assert [a.title for a in articles] == ["Tram", "Wheat"]
    assert articles[0].raw == TEXT
    assert articles[1].source.endswith("feed.jsonl#2")


@pytest.mark.parametrize(
    ("field", "value"),
    [("content", TEXT), ("article", TEXT), ("articleBody", TEXT), ("maintext", TEXT), ("text", [TEXT, TEXT2])],
)
def test_text_field_conventions(tmp_path, field, value):
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps(
            {
                "title": "T",
                field: value,
                "url": "http://example.com/a",
                "published": "2024-01-02",
                "author": ["A. One", "B. Two"],
            }
        )
    )
    (article,) = load_path(path)
    assert TEXT in article.raw
    assert article.record is None  # a single object is one article, not a numbered record
    assert article.published == "2024-01-02" and article.byline == "A. One, B. Two"
    assert "url: http://example.com/a" in article.notes


def test_list_and_wrapper_objects(tmp_path):
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"title": "A", "text": TEXT}, {"title": "B", "text": TEXT2}]))
    assert [a.title for a in load_path(listed)] == ["A", "B"]
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": [{"title": "A", "content": TEXT}]}))
    (article,) = load_path(wrapped)
    assert article.title == "A" and article.record == 1


def test_fields_can_be_set(tmp_path):
    path = tmp_path / "custom.jsonl"
    _write(path, [json.dumps({"meta": {"name": "Custom title"}, "payload": {"story": TEXT}, "text": "not this"})])
    (article,) = list(iter_records(path, Options(text_field="payload.story", title_field="meta.name")))
    assert article.raw == TEXT and article.title == "Custom title"


def test_html_record_goes_through_the_html_path(tmp_path):
    html = f"<html><body><nav><a href='/'>Home</a> <a href='/b'>Sport</a></nav><article><p>{TEXT}</p><p>{TEXT2}</p></article></body></html>"
    path = _write(tmp_path / "html.jsonl", [json.dumps({"title": "Tram", "html": html})])
    (article,) = load_path(path)
    assert "<p>" not in article.raw and article.blocks  # already classified
    assert article.clean == TEXT + "\n\n" + TEXT2


def test_bad_lines_are_reported_and_skipped(tmp_path):
    path = _write(
        tmp_path / "bad.jsonl",
        [
            json.dumps({"title": "A", "text": TEXT}),
            '{"title": "broken", "text": ',
            json.dumps({"title": "no text"}),
            "",
            "[1, 2]",
            json.dumps({"text": TEXT2}),
        ],
    )
    items = list(iter_path(path))
    problems = [i for i in items if isinstance(i, str)]
    articles = [i for i in items if not isinstance(i, str)]
    assert [a.record for a in articles] == [1, 5]
    assert problems[0].startswith("line 2: malformed JSON")
    assert problems[1].startswith("line 3 (record 3): no text field")
    assert "line 5" in problems[2] and "not an object" in problems[2]
    # the registry loader keeps the good records and notes the bad ones
    loaded = load_path(path)
    assert len(loaded) == 2 and any("line 2" in n for n in loaded[0].notes)


def test_json_syntax_error_is_one_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"title": "x",\n "text": }')
    with pytest.raises(LoadError, match=r"JSON syntax error at line 2"):
        load_path(path)


def test_truncated_json_list_keeps_the_complete_records(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text(json.dumps([{"text": TEXT}, {"text": TEXT2}])[:-30])
    items = list(iter_records(path))
    assert isinstance(items[0], type(load_path(_write(tmp_path / "ok.jsonl", [json.dumps({"text": TEXT})]))[0]))
    assert isinstance(items[-1], RecordProblem)


def test_empty_files(tmp_path):
    for name in ("empty.json", "empty.jsonl"):
        path = tmp_path / name
        path.write_text("\n")
        with pytest.raises(LoadError, match="empty"):
            load_path(path)


def test_gzipped_jsonl_and_read_by_offset(tmp_path):
    lines = [json.dumps({"title": f"T{i}", "text": TEXT}) for i in range(5)]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    assert len(load_path(path)) == 5
    plain = _write(tmp_path / "feed.jsonl", lines)
    offset = len(lines[0]) + 1 + len(lines[1]) + 1
    article = read_record(plain, offset, 3, 3)
    assert article.title == "T2" and article.record == 3


def test_streaming_does_not_load_everything(tmp_path):
    path = tmp_path / "many.jsonl"
    with open(path, "w") as fh:
        fh.writelines(json.dumps({"title": f"T{i}", "text": TEXT}) + "\n" for i in range(2000))
    it = iter_records(path)
    first = next(it)
    assert first.title == "T0"  # available before the rest is read
    it.close()


def test_record_without_dict():
    assert record_article("just a string", "x", 1).startswith("not an object")


def test_json_nested_deeper_than_the_recursion_limit_is_a_problem_not_a_crash(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    whole = _write(tmp_path / "deep.json", ['{"text": ' + deep + "}"])
    with pytest.raises(LoadError, match="nested too deeply"):
        list(iter_records(whole))
    in_list = _write(tmp_path / "list.json", ['[{"text": "' + TEXT + '"}, ' + deep + "]"])
    items = list(iter_records(in_list))
    assert isinstance(items[0], Article) and isinstance(items[1], RecordProblem)
    assert "nested too deeply" in str(items[1])
    from reader.load.records import record_numbers

    assert record_numbers(in_list) == [1, 2]  # (the deep element is reported when loaded)
    with pytest.raises(LoadError, match="nested too deeply"):
        record_numbers(whole)
