"""A re-import parses again only the pages that changed, and reports exactly what a full one would."""

import shutil

import pytest

from crimebriefs import rendering
from crimebriefs.importer import import_dump
from crimebriefs.manifest import CODE_NAME
from tests.conftest import SAMPLE_DIR, VARIANTS, needs_variants


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The origins of the pages the import parses."""
    origins = []
    parse = rendering.parse_page

    def counting(page):
        origins.append(page.origin)
        return parse(page)

    monkeypatch.setattr(rendering, "parse_page", counting)
    return origins


def forget_code(briefs):
    (briefs / CODE_NAME).write_text("written by other code\n", encoding="utf-8")


def test_reimport_reports_drafts_warnings_and_skips_as_a_full_parse_does(tmp_path, parsed):
    needs_variants()
    raw = tmp_path / "raw"
    shutil.copytree(VARIANTS, raw)
    briefs = tmp_path / "briefs"
    import_dump(raw, briefs)
    first = len(parsed)
    reused = import_dump(raw, briefs)
    parsed_again = len(parsed) - first
    forget_code(briefs)
    full = import_dump(raw, briefs)
    assert reused.drafts and reused.warnings and reused.unchanged
    assert reused.lines() == full.lines()
    # Only pages without a brief of their own (skipped, duplicate) are parsed again.
    assert parsed_again == len(reused.skipped) < first


def test_reimport_parses_only_the_changed_page(tmp_path, parsed):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    page = next(raw.glob("*.txt"))
    shutil.copy(page, raw / "copy.txt")
    briefs = tmp_path / "briefs"
    import_dump(raw, briefs)
    page.write_text(page.read_text(encoding="utf-8").replace("General Mejia", "General Mejía"), encoding="utf-8")
    parsed.clear()
    report = import_dump(raw, briefs)
    assert parsed == [str(page)]
    assert len(report.updated) == 1 and len(report.unchanged) == 1


def test_a_new_source_url_is_a_change_of_the_page(tmp_path, parsed):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    briefs = tmp_path / "briefs"
    import_dump(raw, briefs)
    sources = raw / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8").replace("https://", "http://"), encoding="utf-8")
    report = import_dump(raw, briefs)
    assert len(report.updated) == 1
    assert "source: http://insightcrime.org/" in (briefs / report.updated[0].file).read_text(encoding="utf-8")


def test_an_edited_brief_of_an_unchanged_page_is_still_kept(tmp_path, parsed):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    briefs = tmp_path / "briefs"
    brief = import_dump(raw, briefs).imported[0].file
    with open(brief, "a", encoding="utf-8") as stream:
        stream.write("\nAn editor's line.\n")
    report = import_dump(raw, briefs)
    assert [outcome.file for outcome in report.kept] == [brief]
    assert report.unchanged == []
