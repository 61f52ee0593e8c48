"""A re-import skips reading files whose size, time and inode say they did not change, and never trusts that
more than the file system's clock allows: anything it cannot rule out is read and compared by digest."""

import os
import pathlib
import shutil
import time

import pytest

from crimebriefs import importer, rendering
from crimebriefs.importer import import_dump
from crimebriefs.manifest import STAMPS_NAME
from tests.conftest import SAMPLE_DIR, VARIANTS, needs_variants


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """What the import reads: ``raw:KEY`` for a dump file, ``brief:NAME`` for a brief."""
    found = []
    read_bytes = pathlib.Path.read_bytes

    def recording(read):
        def reading_raw(path, key, source_url):
            found.append(f"raw:{key}")
            return read(path, key, source_url)

        return reading_raw

    def reading(path):
        if path.suffix == ".md":
            found.append(f"brief:{path.name}")
        return read_bytes(path)

    monkeypatch.setattr(importer, "read_file", recording(importer.read_file))  # crawl files
    monkeypatch.setattr(rendering, "read_page", recording(rendering.read_page))  # pages, read by whoever parses them
    monkeypatch.setattr(pathlib.Path, "read_bytes", reading)
    return found


def settle(*folders) -> None:
    """Make every file a minute old, as files are when a re-import comes long after they were written."""
    past = time.time_ns() - 60 * 10**9
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                os.utime(path, ns=(past, past))


def settled_import(raw, briefs):
    """An import, then one more after the files have aged, which stamps them all."""
    import_dump(raw, briefs)
    settle(raw, briefs)
    return import_dump(raw, briefs)


def copy_sample(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    return raw, tmp_path / "briefs"


def edit_keeping_size_and_time(path) -> None:
    """An edit that leaves size and time as they were: a word in capitals, the time put back."""
    before = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b" the ", b" THE ", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert path.read_bytes() != data


def test_a_settled_reimport_reads_no_raw_page_and_no_brief_and_reports_as_a_full_one(tmp_path, reads):
    needs_variants()
    raw = tmp_path / "raw"
    shutil.copytree(VARIANTS, raw)
    briefs = tmp_path / "briefs"
    full = settled_import(raw, briefs)
    reads.clear()
    stamped = import_dump(raw, briefs)
    assert stamped.lines() == full.lines()
    assert stamped.unchanged and stamped.drafts and stamped.warnings
    # Only crawl records, whose file holds other pages too, are read again, and pages with no brief of their own.
    crawled = [outcome for outcome in stamped.unchanged if ".jsonl:" in outcome.origin]
    unchanged_pages = {f"raw:{pathlib.Path(o.origin).name}" for o in stamped.unchanged if ".jsonl:" not in o.origin}
    assert unchanged_pages and not unchanged_pages & set(reads)
    assert len([read for read in reads if read.startswith("brief:")]) == len(crawled)


def test_a_settled_reimport_of_an_unchanged_folder_changes_no_byte_and_no_time(tmp_path, reads):
    raw, briefs = copy_sample(tmp_path)
    settled_import(raw, briefs)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in briefs.iterdir()}
    reads.clear()
    report = import_dump(raw, briefs)
    assert reads == [] and len(report.unchanged) == 1
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in briefs.iterdir()} == before


def test_an_edited_brief_is_kept_whatever_its_stamp(tmp_path, reads):
    raw, briefs = copy_sample(tmp_path)
    settled_import(raw, briefs)
    brief = next(briefs.glob("*.md"))
    with open(brief, "a", encoding="utf-8") as stream:
        stream.write("\nAn editor's line.\n")
    report = import_dump(raw, briefs)
    assert [outcome.file for outcome in report.kept] == [str(brief)]
    assert "An editor's line." in brief.read_text(encoding="utf-8")


def test_a_brief_edited_in_the_same_tick_as_its_writing_is_still_caught(tmp_path):
    # A coarse clock (FAT's 2 s) gives an edit made right after the import the same time; it is not stamped yet.
    raw, briefs = copy_sample(tmp_path)
    import_dump(raw, briefs)
    brief = next(briefs.glob("*.md"))
    edit_keeping_size_and_time(brief)
    report = import_dump(raw, briefs)
    assert [outcome.file for outcome in report.kept] == [str(brief)]


def test_a_brief_read_just_now_is_not_stamped_until_its_time_is_safely_past(tmp_path):
    raw, briefs = copy_sample(tmp_path)
    import_dump(raw, briefs)
    settle(raw)
    import_dump(raw, briefs)  # reads the brief, written a moment ago: too recent to stamp
    brief = next(briefs.glob("*.md"))
    edit_keeping_size_and_time(brief)
    assert [outcome.file for outcome in import_dump(raw, briefs).kept] == [str(brief)]


def test_an_edit_that_puts_back_size_and_time_is_never_overwritten_when_its_page_changes(tmp_path):
    # Such an edit cannot be told from the stamp, so the re-import reports the brief unchanged; but a change
    # of the page sends it to the digests, and the person's edit is kept.
    raw, briefs = copy_sample(tmp_path)
    settled_import(raw, briefs)
    brief = next(briefs.glob("*.md"))
    edit_keeping_size_and_time(brief)
    edited = brief.read_bytes()
    page = next(raw.glob("*.txt"))
    page.write_text(page.read_text(encoding="utf-8").replace("microtrafficking", "micro-trafficking"), "utf-8")
    report = import_dump(raw, briefs)
    assert [outcome.file for outcome in report.kept] == [str(brief)]
    assert brief.read_bytes() == edited


def test_a_changed_page_or_source_url_is_imported_again_despite_the_stamps(tmp_path, reads):
    raw, briefs = copy_sample(tmp_path)
    settled_import(raw, briefs)
    sources = raw / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8").replace("https://", "http://"), encoding="utf-8")
    report = import_dump(raw, briefs)
    assert len(report.updated) == 1
    settled_import(raw, briefs)
    page = next(raw.glob("*.txt"))
    # Same size, a new time: the page is read and its digest compared.
    page.write_text(page.read_text(encoding="utf-8").replace("General Mejia", "General Mejjj"), "utf-8")
    reads.clear()
    report = import_dump(raw, briefs)
    # The brief is read too: an edit of it must be kept rather than replaced.
    assert reads == [f"raw:{page.name}", f"brief:{report.updated[0].file.rsplit('/', 1)[1]}"]
    assert len(report.updated) == 1


def test_a_copied_folder_is_read_again_since_its_files_are_new(tmp_path, reads):
    raw, briefs = copy_sample(tmp_path)
    settled_import(raw, briefs)
    copy = tmp_path / "copy"
    shutil.copytree(briefs, copy)  # times kept, inodes new
    reads.clear()
    report = import_dump(raw, copy)
    assert len(report.unchanged) == 1 and any(read.startswith("brief:") for read in reads)


@pytest.mark.parametrize("stamps", ["not json", '{"x.md": 3}', '{"x.md": [[1, 2], [3], null, "a", "b"]}', "[]"])
def test_an_unusable_stamps_file_only_means_reading_the_files(tmp_path, stamps, reads):
    raw, briefs = copy_sample(tmp_path)
    settled_import(raw, briefs)
    (briefs / STAMPS_NAME).write_text(stamps, encoding="utf-8")
    reads.clear()
    report = import_dump(raw, briefs)
    assert len(report.unchanged) == 1 and any(read.startswith("brief:") for read in reads)


def test_a_page_whose_time_is_not_safely_past_is_read_again_next_time(tmp_path, reads):
    # A time ahead of every file the import wrote before reading it (a clock set back, or a copy made a moment
    # ago on a coarse clock) could hide a change made in the same tick: the page is not stamped.
    raw, briefs = copy_sample(tmp_path)
    page = next(raw.glob("*.txt"))
    shutil.copy(page, raw / "second.txt")
    settle(raw)
    ahead = time.time_ns() + 60 * 10**9
    os.utime(raw / "second.txt", ns=(ahead, ahead))
    import_dump(raw, briefs)
    settle(briefs)
    import_dump(raw, briefs)  # both briefs read: stamped if their pages' times allow
    reads.clear()
    import_dump(raw, briefs)
    assert [read for read in reads if read.startswith("raw:")] == ["raw:second.txt"]
