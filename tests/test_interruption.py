"""An import killed at any moment leaves every brief old or new, and two imports at once corrupt nothing."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crimebriefs.files import TEMPORARY_SUFFIX
from crimebriefs.importer import LOCK_NAME, import_dump, import_lock
from crimebriefs.manifest import CODE_NAME, MANIFEST_NAME, STAMPS_NAME
from tests.paths import SAMPLE_PAGE

PAGES = 150
TITLE = "Ecuador Shifts Security Focus to Microtrafficking"
KILLS = 5


def write_dump(folder: Path, edition: str) -> Path:
    """``PAGES`` pages, each with its own title; ``edition`` changes every body, as a re-crawl would."""
    folder.mkdir(parents=True, exist_ok=True)
    template = SAMPLE_PAGE.read_text(encoding="utf-8").replace("neighborhood level", f"neighborhood level ({edition})")
    for number in range(PAGES):
        page = template.replace(TITLE, f"{TITLE} {number}")
        (folder / f"page-{number:04}.txt").write_text(page, encoding="utf-8")
    return folder


def briefs_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def start_import(raw: Path, briefs: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crimebriefs", "import", str(raw), "--into", str(briefs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The old and new dumps, and the briefs a whole import of each gives."""
    root = tmp_path_factory.mktemp("editions")
    old_raw, new_raw = write_dump(root / "old", "first crawl"), write_dump(root / "new", "second crawl")
    import_dump(old_raw, root / "old-briefs")
    import_dump(new_raw, root / "new-briefs")
    old, new = briefs_of(root / "old-briefs"), briefs_of(root / "new-briefs")
    assert old.keys() == new.keys() and len(old) == PAGES
    assert all(old[name] != new[name] for name in old)
    return old_raw, new_raw, old, new


def test_an_import_killed_at_any_moment_leaves_each_brief_old_or_new_and_a_rerun_completes_it(tmp_path, editions):
    old_raw, new_raw, old, new = editions
    briefs = tmp_path / "briefs"
    import_dump(old_raw, briefs)
    moments = random.Random(9)
    outcomes = set()
    for kill in range(KILLS):
        process = start_import(new_raw, briefs)
        if kill == 0:
            # However fast the import, this kill lands mid-work: a brief is written aside, not all are in place.
            while process.poll() is None and not any(briefs.glob(f".*{TEMPORARY_SUFFIX}")):
                time.sleep(0.002)
        else:
            time.sleep(moments.uniform(0.05, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = briefs_of(briefs)
        assert found.keys() == old.keys()
        assert all(data in (old[name], new[name]) for name, data in found.items())
        outcomes.add(sum(found[name] == new[name] for name in found))
    # A kill landed before the work was done. (The import renames its briefs into place together, after
    # one flush to disk, so a kill mostly leaves all of them old or all new.)
    assert any(count < PAGES for count in outcomes), outcomes
    process = start_import(new_raw, briefs)
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert briefs_of(briefs) == new
    assert " 0 kept, 0 errors" in out
    # The stamps file is there once some brief has been stamped, which depends on the files' times.
    left = sorted(p.name for p in briefs.iterdir() if p.name != STAMPS_NAME)
    assert left == sorted([*new, MANIFEST_NAME, CODE_NAME, LOCK_NAME])
    # And the next import finds nothing left to do.
    assert import_dump(new_raw, briefs).lines()[0].startswith(f"0 imported, 0 updated, {PAGES} unchanged")


def test_a_second_import_started_meanwhile_gets_the_lock_message_and_nothing_is_corrupted(tmp_path, editions):
    old_raw, new_raw, old, new = editions
    briefs = tmp_path / "briefs"
    import_dump(old_raw, briefs)
    before = {p.name: p.read_bytes() for p in briefs.iterdir()}
    # The folder is held as a running import holds it (a real import is over too soon to race reliably).
    with import_lock(briefs):
        second = start_import(new_raw, briefs)
        _, second_err = second.communicate()
        assert {p.name: p.read_bytes() for p in briefs.iterdir()} == before
    assert second.returncode == 3
    assert "another import is running on this folder; wait for it to finish and try again" in second_err
    assert str(briefs) in second_err
    assert briefs_of(briefs) == old
    # Once the folder is free, the same import does the whole job.
    third = start_import(new_raw, briefs)
    _, third_err = third.communicate()
    assert third.returncode == 0, third_err
    assert briefs_of(briefs) == new


def test_leftovers_of_a_killed_write_are_removed_by_the_next_import(tmp_path, editions):
    _, new_raw, _, new = editions
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    # What a write killed before its rename leaves: a hidden, partial temporary file.
    leftover = briefs / f".{next(iter(new))}.k2j3h4.tmp"
    leftover.write_bytes(b"---\ntitle: Ecuador Shi")
    import_dump(new_raw, briefs)
    assert not leftover.exists()
    assert briefs_of(briefs) == new
