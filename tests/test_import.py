"""Importing a dump folder: idempotent, atomic, and never overwriting a person's edit."""

import os
import shutil
from pathlib import Path

import pytest

from crimebriefs import read
from crimebriefs.errors import ImportLockedError
from crimebriefs.importer import LOCK_NAME, import_dump, import_lock
from crimebriefs.manifest import CODE_NAME, MANIFEST_NAME
from crimebriefs.slugs import make_slug
from tests.conftest import SAMPLE_DIR

SAMPLE_BRIEF = "ecuador-shifts-security-focus-to-microtrafficking.md"


@pytest.fixture
def dump(tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    return raw


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != LOCK_NAME}


def test_import_writes_the_sample_brief_with_its_source(dump, tmp_path):
    briefs = tmp_path / "briefs"
    report = import_dump(dump, briefs)
    assert [Path(o.file).name for o in report.imported] == [SAMPLE_BRIEF]
    text = (briefs / SAMPLE_BRIEF).read_text(encoding="utf-8")
    assert (
        "\nsource: https://insightcrime.org/news/brief/new-police-general-in-ecuador-told-to-focus-on-micro-trafficking/\n"
        in text
    )


def test_second_import_changes_no_byte(dump, tmp_path):
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    before = snapshot(briefs)
    mtimes = {p.name: p.stat().st_mtime_ns for p in briefs.iterdir()}
    report = import_dump(dump, briefs)
    assert snapshot(briefs) == before
    assert {p.name: p.stat().st_mtime_ns for p in briefs.iterdir()} == mtimes
    assert [Path(o.file).name for o in report.unchanged] == [SAMPLE_BRIEF]
    assert report.lines()[0] == "0 imported, 0 updated, 1 unchanged, 0 drafts, 0 skipped, 0 kept, 0 errors"


def test_edited_brief_is_kept_and_reported(dump, tmp_path):
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    brief = briefs / SAMPLE_BRIEF
    edited = brief.read_text(encoding="utf-8").replace("Drug Policy", "Drug Policy in Ecuador")
    brief.write_text(edited, encoding="utf-8")
    report = import_dump(dump, briefs)
    assert brief.read_text(encoding="utf-8") == edited
    assert len(report.kept) == 1
    assert report.kept[0].detail == (
        "edited by hand after import; left as it is (--force re-imports it, keeping a backup)"
    )


def test_force_reimports_an_edited_brief_and_keeps_a_backup(dump, tmp_path):
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    brief = briefs / SAMPLE_BRIEF
    original = brief.read_bytes()
    brief.write_bytes(original + b"\nAn editor's note.\n")
    report = import_dump(dump, briefs, force=True)
    assert brief.read_bytes() == original
    assert (briefs / (SAMPLE_BRIEF + ".bak")).read_bytes() == original + b"\nAn editor's note.\n"
    assert len(report.updated) == 1


def test_brief_deleted_by_hand_is_not_recreated(dump, tmp_path):
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    (briefs / SAMPLE_BRIEF).unlink()
    report = import_dump(dump, briefs)
    assert not (briefs / SAMPLE_BRIEF).exists()
    assert report.kept[0].detail.startswith("deleted by hand after import")


def test_changed_page_updates_an_unedited_brief(dump, tmp_path):
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    page = dump / "000_1a1af36754ae01df.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("DRUG POLICY /", "SECURITY POLICY /"), encoding="utf-8")
    report = import_dump(dump, briefs)
    assert len(report.updated) == 1
    assert "\ntopic: Security Policy\n" in (briefs / SAMPLE_BRIEF).read_text(encoding="utf-8")


def test_hand_written_brief_with_the_same_name_is_never_overwritten(dump, tmp_path):
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    mine = briefs / SAMPLE_BRIEF
    mine.write_text("---\ntitle: Mine\n---\n\nMy own brief.\n", encoding="utf-8")
    report = import_dump(dump, briefs)
    assert mine.read_text(encoding="utf-8") == "---\ntitle: Mine\n---\n\nMy own brief.\n"
    assert [Path(o.file).name for o in report.imported] == [SAMPLE_BRIEF.replace(".md", "-2.md")]


def test_lost_manifest_adopts_identical_files_instead_of_duplicating(dump, tmp_path):
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    (briefs / MANIFEST_NAME).unlink()
    report = import_dump(dump, briefs)
    assert [Path(o.file).name for o in report.unchanged] == [SAMPLE_BRIEF]
    assert sorted(p.name for p in briefs.glob("*.md")) == [SAMPLE_BRIEF]


def test_pages_with_the_same_title_get_distinct_stable_slugs(dump, tmp_path):
    page = (dump / "000_1a1af36754ae01df.txt").read_text(encoding="utf-8")
    for name in ("b.txt", "a.txt"):
        (dump / name).write_text(page, encoding="utf-8")
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    first = {p.name: p.read_bytes() for p in briefs.glob("*.md")}
    assert set(first) == {SAMPLE_BRIEF, SAMPLE_BRIEF.replace(".md", "-2.md"), SAMPLE_BRIEF.replace(".md", "-3.md")}
    # Collisions are settled in the order of the raw files' names.
    assert b"source: https://insightcrime.org/" in first[SAMPLE_BRIEF]
    # A fresh import of the same dump, in another folder, names them the same way.
    other = tmp_path / "other"
    import_dump(dump, other)
    assert {p.name: p.read_bytes() for p in other.glob("*.md")} == first


def test_bad_inputs_are_reported_and_the_rest_imports(dump, tmp_path):
    (dump / "empty.txt").write_bytes(b"")
    (dump / "binary.txt").write_bytes(b"Home\x00\x01\x02")
    (dump / "latin1.txt").write_bytes(
        "HomeNewsBriefBogotá\nBRIEF\n\nBogotá\n\nCOLOMBIA / 5 JAN 2015 BY ANA PÉREZ EN\n\nThe text is here.\n".encode(
            "latin-1"
        )
    )
    briefs = tmp_path / "briefs"
    report = import_dump(dump, briefs)
    errors = {Path(o.origin).name: o.detail for o in report.errors}
    assert errors == {
        "binary.txt": "binary file (it contains NUL bytes), not a text page",
        "empty.txt": "empty file: no text to import",
    }
    assert report.unreadable == 0
    assert sorted(p.name for p in briefs.glob("*.md")) == ["bogota.md", SAMPLE_BRIEF]
    assert [o.detail for o in report.warnings] == ["not UTF-8 (byte 18); decoded as Windows-1252 (Latin-1)"]


def test_unreadable_file_counts_as_unreadable(dump, tmp_path, monkeypatch):
    locked = dump / "locked.txt"
    locked.write_text("text", encoding="utf-8")

    def opening(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return open(path, *args, **kwargs)

    # As root, a file's permissions never stop a read: the reader's open fails instead.
    monkeypatch.setattr(read, "open", opening, raising=False)
    report = import_dump(dump, tmp_path / "briefs")
    assert report.unreadable == 1
    assert [(Path(o.origin).name, o.detail) for o in report.errors] == [("locked.txt", "permission denied")]
    assert len(report.imported) == 1


def test_a_folder_named_like_a_page_counts_as_unreadable(tmp_path):
    report = import_dump(tmp_path / "missing", tmp_path / "briefs")
    assert report.unreadable == 1
    assert report.errors[0].detail == "no such folder"


def test_no_temporary_file_is_left_behind(dump, tmp_path):
    briefs = tmp_path / "briefs"
    import_dump(dump, briefs)
    assert sorted(p.name for p in briefs.iterdir()) == sorted([SAMPLE_BRIEF, MANIFEST_NAME, CODE_NAME, LOCK_NAME])


def test_a_second_import_at_once_is_refused_clearly(dump, tmp_path):
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    with import_lock(briefs), pytest.raises(ImportLockedError, match="another import is running on this folder"):
        import_dump(dump, briefs)


def test_sources_csv_problems_are_reported_with_their_line(dump, tmp_path):
    with (dump / "sources.csv").open("a", encoding="utf-8") as csv:
        csv.write("other.txt,not-a-url\n")
    report = import_dump(dump, tmp_path / "briefs")
    assert [(Path(o.origin).name, o.detail) for o in report.warnings] == [
        ("sources.csv:3", "'not-a-url' is not an http(s) URL; other.txt gets no source")
    ]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("/absolute/path", "absolute-path"),
        ("nul\x00byte", "nul-byte"),
        ("CON", "con-brief"),
        ("¿Qué pasó en Perú?", "que-paso-en-peru"),
        ("...", "brief"),
        ("a" * 200, "a" * 80),
        ("word " * 40, ("word-" * 16).rstrip("-")),
    ],
)
def test_slugs_never_leave_the_folder(text, slug):
    assert make_slug(text) == slug


def test_a_file_that_is_not_a_page_is_reported_and_the_rest_imports(dump, tmp_path):
    (dump / "notes.pdf").write_bytes(b"%PDF-1.4")
    (dump / "README").write_text("about this dump", encoding="utf-8")
    report = import_dump(dump, tmp_path / "briefs")
    assert sorted((Path(o.origin).name, o.detail) for o in report.errors) == [
        ("README", "not a dump page: no suffix (pages are .txt, .html, .htm, .jsonl)"),
        ("notes.pdf", "not a dump page: .pdf suffix (pages are .txt, .html, .htm, .jsonl)"),
    ]
    assert [Path(o.file).name for o in report.imported] == [SAMPLE_BRIEF]


def test_a_file_name_without_its_suffix_is_what_splitext_makes_of_it():
    from itertools import product

    from crimebriefs.importer import _stem

    for length in range(6):
        for name in map("".join, product(["a", ".", "/", "m", "d"], repeat=length)):
            assert _stem(name) == os.path.splitext(name)[0], name
            assert _stem(name + ".md") == os.path.splitext(name + ".md")[0], name
