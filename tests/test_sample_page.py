"""The bundled sample page converts to exactly the brief a careful reader would write."""

import re

import markdown

from crimebriefs.convert import convert_paths, to_record
from tests.conftest import SAMPLE_PAGE

SOURCE_URL = "https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/"

CHROME_LINES = (
    "share icon icon icon",
    "Was this content helpful?",
    "DONATE",
    "What are your thoughts?",
    "We encourage readers to copy and distribute",
    "Related Content",
    "COCAINE / 18 NOV 2022",
    "About InSight Crime",
    "THE ORGANIZATION",
    "All Eyes on Ecuador",
    "WORK WITH US",
    "Open Position",
)


def sample_record() -> dict:
    (converted,) = convert_paths([SAMPLE_PAGE])
    return to_record(converted)


def source_paragraphs() -> list[str]:
    """The ten prose paragraphs of the page, cut by hand from the raw text."""
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    body = text.split("BY SAM TABORY EN", 1)[1].split("share icon icon icon", 1)[0]
    blocks = [" ".join(block.replace("\u00a0", " ").split()) for block in body.split("\n\n")]
    return [b for b in blocks if b and not b.startswith("SEE ALSO") and b != "InSight Crime Analysis"]


def test_sample_metadata_is_exact():
    record = sample_record()
    assert record["status"] == "published"
    assert record["reason"] is None
    assert record["title"] == "Ecuador Shifts Security Focus to Microtrafficking"
    assert record["date"] == "2015-09-22"
    assert record["topic"] == "Drug Policy"
    assert record["authors"] == ["Sam Tabory"]
    assert record["kind"] == "Brief"
    assert record["lang"] == "en"
    assert record["tags"] == ["Microtrafficking", "Ecuador"]
    assert record["source_url"] == SOURCE_URL


def test_sample_body_keeps_ten_paragraphs_word_for_word_and_one_subhead():
    body = sample_record()["body"]
    blocks = body.split("\n\n")
    headings = [b for b in blocks if b.startswith("#")]
    paragraphs = [b for b in blocks if not b.startswith("#") and "{tag}" not in b]
    assert headings == ["## InSight Crime Analysis"]
    expected = source_paragraphs()
    assert len(expected) == 10
    assert paragraphs == expected


def test_sample_see_also_lines_become_tag_links():
    body = sample_record()["body"]
    assert "SEE ALSO" not in body
    assert "*See also:* [Microtrafficking](<{tag}Microtrafficking>)" in body
    assert "*See also:* [Ecuador](<{tag}Ecuador>)" in body


def test_sample_has_no_page_chrome():
    record = sample_record()
    for chrome in CHROME_LINES:
        assert chrome not in record["markdown"], chrome
    assert "\u00a0" not in record["markdown"]
    assert not re.search(r" +$", record["markdown"], re.MULTILINE), "trailing spaces"


def test_sample_summary_is_the_first_paragraph_as_plain_text():
    record = sample_record()
    assert record["summary"] == source_paragraphs()[0]


def test_sample_markdown_renders_each_paragraph_as_written():
    html = markdown.markdown(sample_record()["body"])
    for paragraph in source_paragraphs():
        rendered = paragraph.replace("&", "&amp;").replace('"', "&quot;")
        assert f"<p>{paragraph}</p>" in html or f"<p>{rendered}</p>" in html, paragraph


def test_sample_markdown_file_has_yaml_front_matter_in_order():
    markdown_text = sample_record()["markdown"]
    header = markdown_text.split("---\n")[1]
    keys = [line.split(":")[0] for line in header.splitlines() if line and not line.startswith("- ")]
    assert keys == [
        "title",
        "date",
        "topic",
        "authors",
        "kind",
        "lang",
        "tags",
        "summary",
        "source",
        "publisher",
        "license",
    ]
    assert markdown_text.startswith("---\ntitle: Ecuador Shifts Security Focus to Microtrafficking\ndate: 2015-09-22\n")
