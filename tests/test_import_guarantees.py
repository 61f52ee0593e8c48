"""Slugs stay in the briefs folder and stable, any import order gives the same files, every encoding decodes."""

import json
import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimebriefs.convert import convert_paths, to_record
from crimebriefs.importer import import_dump
from crimebriefs.model import Brief, Status
from crimebriefs.slugs import MAX_LENGTH, base_slug, make_slug
from tests.paths import SAMPLE_PAGE
from tests.test_fuzz import PROPERTY, any_text

TITLE = "Ecuador Shifts Security Focus to Microtrafficking"
SAMPLE = SAMPLE_PAGE.read_text(encoding="utf-8")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$")
HOSTILE_TITLES = ["..", "../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini", "a\x00b", "NUL", "con", "LPT1",
                  ".hidden", "~", "-", "", "Título: ¿qué?", "Título: ¿Qué?"]  # fmt: skip


@PROPERTY
@given(any_text, st.one_of(st.none(), any_text.map(lambda t: "https://insightcrime.org/" + t)), any_text)
def test_any_title_url_or_file_name_gives_a_plain_stable_slug(title, url, key):
    brief = Brief(origin=key, key=key, status=Status.PUBLISHED, title=title or None, source_url=url)
    slug = base_slug(brief)
    assert SLUG.match(slug) and len(slug) <= MAX_LENGTH
    assert not WINDOWS_RESERVED.match(slug)
    assert base_slug(brief) == slug == make_slug(slug)


def crawl_of(titles: list[str]) -> str:
    records = [
        {"url": f"https://insightcrime.org/news/brief/page-{number}/", "text": SAMPLE.replace(TITLE, title)}
        for number, title in enumerate(titles)
    ]
    return "".join(json.dumps(record) + "\n" for record in records)


def test_hostile_titles_stay_in_the_folder_never_collide_and_keep_their_names(tmp_path):
    raw, briefs = tmp_path / "raw", tmp_path / "briefs"
    raw.mkdir()
    (raw / "crawl.jsonl").write_text(crawl_of([*HOSTILE_TITLES, *HOSTILE_TITLES]), encoding="utf-8")
    report = import_dump(raw, briefs)
    written = [outcome.file for outcome in report.imported]
    assert len(written) == len(set(written)) == 2 * len(HOSTILE_TITLES)
    for file in written:
        assert (briefs / file.rsplit("/", 1)[1]).resolve().parent == briefs.resolve()
    assert {p.name for p in tmp_path.rglob("*.md")} == {p.name for p in briefs.glob("*.md")}
    first = {p.name: p.read_bytes() for p in briefs.glob("*.md")}
    assert len(first) == len(written)
    shutil.rmtree(briefs)
    import_dump(raw, briefs)
    assert {p.name: p.read_bytes() for p in briefs.glob("*.md")} == first


def test_importing_batches_in_either_order_gives_the_same_files(tmp_path):
    batches = {}
    for name, numbers in (("a", range(0, 6)), ("b", range(6, 12))):
        batch = tmp_path / name
        batch.mkdir()
        for number in numbers:
            (batch / f"page-{number:02}.txt").write_text(SAMPLE.replace(TITLE, f"{TITLE} {number}"), encoding="utf-8")
        batches[name] = batch
    results = []
    for order in (("a", "b"), ("b", "a")):
        briefs = tmp_path / ("briefs-" + "".join(order))
        for name in order:
            import_dump(batches[name], briefs)
        results.append({p.name: p.read_bytes() for p in briefs.iterdir() if p.suffix == ".md"})
    assert len(results[0]) == 12
    assert results[0] == results[1]


def encodings_of_the_sample() -> dict[str, bytes]:
    crlf = SAMPLE.replace("\n", "\r\n")
    return {
        "utf-8": SAMPLE.encode("utf-8"),
        "utf-8 with BOM": SAMPLE.encode("utf-8-sig"),
        "utf-16 LE with BOM": SAMPLE.encode("utf-16"),
        "utf-16 BE with BOM": b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
        "windows-1252": SAMPLE.encode("cp1252"),
        "windows-1252, CRLF": crlf.encode("cp1252"),
        "utf-8, CRLF": crlf.encode("utf-8"),
        "utf-8, CR": SAMPLE.replace("\n", "\r").encode("utf-8"),
        "utf-16 with BOM, CRLF": crlf.encode("utf-16"),
    }


def record_of(tmp_path, data: bytes) -> dict:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    (converted,) = convert_paths([path])
    return to_record(converted)


@pytest.mark.parametrize("name", list(encodings_of_the_sample()))
def test_every_encoding_and_line_end_gives_the_same_brief(tmp_path, name):
    expected = record_of(tmp_path, SAMPLE.encode("utf-8"))
    record = record_of(tmp_path, encodings_of_the_sample()[name])
    assert "\xa0" in SAMPLE  # the sample carries non-breaking spaces, so they are proved too
    assert record["status"] == "published"
    for field in ("title", "date", "topic", "authors", "summary", "body"):
        assert record[field] == expected[field], field
    assert ("windows-1252" in name) == any("Windows-1252" in warning for warning in record["warnings"])


def test_latin1_text_decodes_with_its_accents(tmp_path):
    page = SAMPLE.replace(TITLE, "Bogotá y Perú: año de cambios").replace("’", "'").replace("…", "...")
    record = record_of(tmp_path, page.encode("latin-1"))
    assert record["title"] == "Bogotá y Perú: año de cambios"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (SAMPLE.encode("utf-16-le"), "binary file (it contains NUL bytes), not a text page"),
        (b"\xff\xfe" + b"\x00\xd8" + "text".encode("utf-16-le"), "not valid UTF-16 despite its byte-order mark"),
        (b"\xef\xbb\xbf \r\n\xc2\xa0", "no article text"),
    ],
)
def test_an_undecodable_page_is_named_and_skipped(tmp_path, data, reason):
    record = record_of(tmp_path, data)
    assert record["status"] == "skipped"
    assert record["origin"] == str(tmp_path / "page.txt")
    assert record["reason"].startswith(reason)
