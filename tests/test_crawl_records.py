"""Crawl records (JSONL): streamed, one page a record, broken lines reported by number."""

import json
import shutil
from pathlib import Path

import pytest

from crimebriefs.cli import main
from crimebriefs.convert import convert_paths, to_record
from crimebriefs.errors import ReadError
from crimebriefs.importer import import_dump
from crimebriefs.manifest import MANIFEST_NAME
from crimebriefs.read import crawl_record, read_crawl
from tests.conftest import VARIANTS
from tests.test_html_page import SAVED_PAGE

CRAWL = VARIANTS / "crawl.jsonl"
URL = "https://insightcrime.org/news/a/"


def convert_all(path: Path) -> list[dict]:
    return [to_record(converted) for converted in convert_paths([path])]


def write_crawl(folder: Path, *lines: str | dict) -> Path:
    path = folder / "crawl.jsonl"
    path.write_text(
        "".join((json.dumps(line) if isinstance(line, dict) else line) + "\n" for line in lines), encoding="utf-8"
    )
    return path


def test_each_record_of_the_crawl_variant_is_a_page_with_its_line(variants):
    records = convert_all(CRAWL)
    assert [(r["origin"], r["status"], r["title"]) for r in records] == [
        (f"{CRAWL}:1", "published", "La disputa por los puertos del Pacífico reordena el mapa criminal"),
        (f"{CRAWL}:2", "published", "Court Orders Review of Detention Conditions for Women"),
        (f"{CRAWL}:3", "skipped", None),
        (f"{CRAWL}:4", "published", "Ecuador Shifts Security Focus to Microtrafficking"),
        (f"{CRAWL}:5", "skipped", None),
    ]
    assert [r["file"] for r in records] == [str(CRAWL)] * 5
    assert records[2]["reason"] == "tag listing page (by its URL)"
    assert records[4]["reason"] == (
        "the line is cut off (not valid JSON: Unterminated string starting at column 52); skipped"
    )


def test_records_take_their_source_url_from_the_record(variants):
    records = convert_all(CRAWL)
    assert records[0]["source_url"] == "https://es.insightcrime.org/noticias/analisis/disputa-puertos-pacifico/"
    assert records[1]["source_url"] == "https://insightcrime.org/news/brief/court-orders-review-detention-women/"


def test_an_html_record_gives_the_same_brief_as_the_saved_page(variants):
    html_record = convert_all(CRAWL)[3]
    (saved,) = convert_all(SAVED_PAGE)
    for field in ("title", "date", "topic", "authors", "kind", "lang", "tags", "source_url", "body", "markdown"):
        assert html_record[field] == saved[field], field


def test_a_text_record_gives_the_same_brief_as_the_text_page(variants):
    text_record = convert_all(CRAWL)[0]
    (text_page,) = convert_all(VARIANTS / "es_two_authors.txt")
    for field in ("title", "date", "topic", "authors", "kind", "lang", "tags", "body"):
        assert text_record[field] == text_page[field], field


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"url": "' + URL + '", "text": "cut', "the line is cut off (not valid JSON: Unterminated string starting at "
         "column 53); skipped"),
        ('{"url": "' + URL + '" "text": "x"}', "not valid JSON (Expecting ',' delimiter at column 44); skipped"),
        ("not json at all", "not valid JSON (Expecting value at column 1); skipped"),
        ('["a", "list"]', "a JSON list, not an object with url and text or html; skipped"),
        ('{"text": "A page without its address."}', "the record has no 'url'; skipped"),
        ('{"url": "", "text": "x"}', "the record has no 'url'; skipped"),
        ('{"url": "javascript:alert(1)", "text": "x"}',
         "the record's url 'javascript:alert(1)' is not an http(s) URL; skipped"),
        ('{"url": "' + URL + '"}', "the record has no content: no 'text' or 'html'; skipped"),
        ('{"url": "' + URL + '", "text": "   "}', "the record has no content: no 'text' or 'html'; skipped"),
        ('{"url": "' + URL + '", "html": {"a": 1}}', "the record's 'html' is a JSON dict, not text; skipped"),
        ('{"url": "http://[not-an-address/", "text": "x"}',
         "the record's url 'http://[not-an-address/' is not an http(s) URL; skipped"),
        ('{"url": "' + URL + '", "html": "<p>Bogot\\ud800</p>"}',
         "the record's 'html' holds \\ud800 at character 9, half of a UTF-16 pair and no character; skipped"),
        ('{"url": "' + URL + '\\udfff", "text": "x"}',
         f"the record's 'url' holds \\udfff at character {len(URL) + 1}, half of a UTF-16 pair and no character; "
         "skipped"),
    ],
)  # fmt: skip
def test_a_bad_line_is_reported_with_its_reason(line, reason):
    result = crawl_record(line.encode("utf-8"), "crawl.jsonl:7", "crawl.jsonl")
    assert isinstance(result, ReadError)
    assert str(result) == f"crawl.jsonl:7: {reason}"


def test_a_line_that_is_not_utf8_is_reported():
    result = crawl_record(b'{"url": "' + URL.encode() + b'", "text": "Bogot\xe1"}', "c.jsonl:2", "c.jsonl")
    assert str(result) == "c.jsonl:2: not UTF-8 (byte 58); skipped"


def test_a_record_with_both_text_and_html_is_read_as_html():
    page = crawl_record(json.dumps({"url": URL, "text": "t", "html": "<p>h</p>", "fetched_at": "x"}).encode(), "o", "k")
    assert (page.is_html, page.text, page.key, page.source_url) == (True, "<p>h</p>", f"k#{URL}", URL)


def test_bad_lines_in_the_middle_do_not_stop_the_others(tmp_path):
    path = write_crawl(
        tmp_path,
        {"url": URL, "text": "The first page has a paragraph of text."},
        "{broken",
        "",
        {"url": "https://insightcrime.org/news/b/"},
        {"url": "https://insightcrime.org/news/c/", "text": "The third page has a paragraph of text."},
    )
    outcomes = [(p.origin, isinstance(p, ReadError)) for p in read_crawl(path, "crawl.jsonl")]
    assert outcomes == [(f"{path}:1", False), (f"{path}:2", True), (f"{path}:4", True), (f"{path}:5", False)]


def test_an_empty_crawl_file_is_reported(tmp_path):
    path = write_crawl(tmp_path)
    assert [str(error) for error in read_crawl(path, "crawl.jsonl")] == [f"{path}: empty file: no records to import"]


def test_the_crawl_variant_imports_its_good_records_and_reports_the_cut_off_line(tmp_path, variants):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CRAWL, raw)
    briefs = tmp_path / "briefs"
    report = import_dump(raw, briefs)
    assert report.lines()[0] == "3 imported, 0 updated, 0 unchanged, 0 drafts, 1 skipped, 0 kept, 1 errors"
    assert sorted(p.name for p in briefs.glob("*.md")) == [
        "court-orders-review-of-detention-conditions-for-women.md",
        "ecuador-shifts-security-focus-to-microtrafficking.md",
        "la-disputa-por-los-puertos-del-pacifico-reordena-el-mapa-criminal.md",
    ]
    assert [(o.origin, o.detail) for o in report.errors] == [
        (
            f"{raw / 'crawl.jsonl'}:5",
            "the line is cut off (not valid JSON: Unterminated string starting at column 52); skipped",
        )
    ]
    assert report.unreadable == 0
    manifest = json.loads((briefs / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["briefs"]["ecuador-shifts-security-focus-to-microtrafficking.md"]["key"] == (
        "crawl.jsonl#https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"
    )


def test_a_second_import_of_a_crawl_changes_no_byte(tmp_path, variants):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CRAWL, raw)
    briefs = tmp_path / "briefs"
    import_dump(raw, briefs)
    before = {p.name: p.read_bytes() for p in briefs.iterdir()}
    report = import_dump(raw, briefs)
    assert {p.name: p.read_bytes() for p in briefs.iterdir()} == before
    assert report.lines()[0] == "0 imported, 0 updated, 3 unchanged, 0 drafts, 1 skipped, 0 kept, 1 errors"


def test_a_record_keeps_its_brief_when_lines_are_added_before_it(tmp_path, variants):
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = CRAWL.read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / "crawl.jsonl").write_text("".join(lines[1:4]), encoding="utf-8")
    briefs = tmp_path / "briefs"
    import_dump(raw, briefs)
    before = {p.name: p.read_bytes() for p in briefs.glob("*.md")}
    (raw / "crawl.jsonl").write_text("".join(lines[:4]), encoding="utf-8")
    report = import_dump(raw, briefs)
    assert [Path(o.file).name for o in report.imported] == [
        "la-disputa-por-los-puertos-del-pacifico-reordena-el-mapa-criminal.md"
    ]
    assert {name: (briefs / name).read_bytes() for name in before} == before


def test_a_page_crawled_twice_is_imported_once(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    page = {"url": URL, "text": "HomeNewsBriefA Title\nBRIEF\n\nA Title\n\nPRISONS / 2 JUN 2014 BY ANA PÉREZ EN\n\n"
            "The text of the page is here."}  # fmt: skip
    write_crawl(raw, page, {**page, "text": page["text"].replace("here", "there")})
    briefs = tmp_path / "briefs"
    report = import_dump(raw, briefs)
    assert [p.name for p in briefs.glob("*.md")] == ["a-title.md"]
    assert "The text of the page is here." in (briefs / "a-title.md").read_text(encoding="utf-8")
    assert [(o.origin, o.detail) for o in report.skipped] == [
        (f"{raw / 'crawl.jsonl'}:2", f"the same page as {raw / 'crawl.jsonl'}:1")
    ]
    second = import_dump(raw, briefs)
    assert second.lines()[0] == "0 imported, 0 updated, 1 unchanged, 0 drafts, 1 skipped, 0 kept, 0 errors"


def test_convert_prints_one_json_record_per_crawl_record_and_names_the_bad_line(variants, capsys):
    assert main(["convert", str(CRAWL), "--json"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["origin"] for line in out.splitlines()] == [f"{CRAWL}:{n}" for n in range(1, 6)]
    assert err == (
        f"crimebriefs convert: {CRAWL}:5: the line is cut off "
        "(not valid JSON: Unterminated string starting at column 52); skipped\n"
    )


def test_convert_refuses_a_url_for_a_crawl_file(variants, capsys):
    assert main(["convert", str(CRAWL), "--url", URL]) == 2
    assert "crawl records carry their own url" in capsys.readouterr().err


def test_convert_without_json_names_each_skipped_record_by_its_line(variants, capsys):
    assert main(["convert", str(CRAWL)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n---\ntitle: ") + out.startswith("---\ntitle: ") == 3
    assert f"# {CRAWL}:3: skipped: tag listing page (by its URL)\n" in out
    assert f"# {CRAWL}:5: skipped: the line is cut off" in out
