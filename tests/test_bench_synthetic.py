"""The benchmark's synthetic dumps import like real ones, and plain Pelican reads the same briefs."""

from pathlib import Path

from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from bench.synthetic import write_html_dump, write_native_briefs, write_text_dump
from crimebriefs.importer import import_dump
from tests.conftest import needs_variants


def test_synthetic_dump_is_the_same_for_the_same_seed(tmp_path):
    write_text_dump(tmp_path / "a", 3, seed=7)
    write_text_dump(tmp_path / "b", 3, seed=7)
    write_text_dump(tmp_path / "c", 3, seed=8)
    page = "page_00001.txt"
    assert (tmp_path / "a" / page).read_bytes() == (tmp_path / "b" / page).read_bytes()
    assert (tmp_path / "a" / page).read_bytes() != (tmp_path / "c" / page).read_bytes()


def test_every_synthetic_page_imports_as_a_published_brief(tmp_path):
    needs_variants()
    write_text_dump(tmp_path / "text", 5)
    write_html_dump(tmp_path / "html", 5)
    for dump in ("text", "html"):
        report = import_dump(tmp_path / dump, tmp_path / f"{dump}-briefs")
        assert (len(report.imported), report.drafts, report.skipped, report.errors) == (5, [], [], []), report.lines()


def test_plain_pelican_reads_the_briefs_native_metadata_as_ours_says(tmp_path):
    write_text_dump(tmp_path / "raw", 2)
    import_dump(tmp_path / "raw", tmp_path / "briefs")
    assert write_native_briefs(tmp_path / "briefs", tmp_path / "native") == 2
    brief = sorted((tmp_path / "native").glob("*.md"))[1]
    reader = MarkdownReader({**DEFAULT_CONFIG, "TIMEZONE": "UTC"})
    content, metadata = reader.read(str(brief))
    assert metadata["title"].endswith("Case 1")
    assert str(metadata["category"]) == "Costa Rica"
    assert [str(a) for a in metadata["authors"]] == ["Douwe den Held"]
    assert metadata["slug"] == Path(brief).stem
    assert "<p>" in content and "Title:" not in content
