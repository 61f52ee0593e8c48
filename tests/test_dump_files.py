"""The files of a dump come in the order of their sorted paths, hidden ones and sources.csv aside."""

import os
from pathlib import Path

import pytest

from crimebriefs.read import dump_entries, dump_files, path_in


def test_dump_files_come_in_sorted_path_order_with_their_keys(tmp_path):
    names = ["b.txt", "a/z.txt", "a-b.txt", "a/b/c.html", "A.txt", "a/sources.csv", "sources.csv", "c.jsonl"]
    hidden = [".hidden.txt", ".git/x.txt", "a/.cache/y.txt"]
    for name in names + hidden:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    os.symlink(tmp_path / "a", tmp_path / "link-to-a")
    os.symlink(tmp_path / "b.txt", tmp_path / "link-to-b.txt")
    expected = sorted(
        p
        for p in tmp_path.rglob("*")
        if p.is_file()
        and p.name != "sources.csv"
        and not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)
    )
    assert list(dump_files(tmp_path)) == expected
    assert [key for _, key in dump_entries(tmp_path)] == [p.relative_to(tmp_path).as_posix() for p in expected]
    assert "link-to-b.txt" in [key for _, key in dump_entries(tmp_path)]


@pytest.mark.parametrize("folder", [".", "", "/", "content/raw", "content/raw/", "./raw", "/srv/dump", "a//b"])
def test_a_path_in_a_folder_is_written_as_a_path_object_writes_it(folder):
    assert path_in(str(Path(folder)), "page.txt") == str(Path(folder) / "page.txt")
