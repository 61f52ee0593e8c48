"""Atomic writes, one at a time and in a batch."""

import contextlib
import os
import stat

import pytest

from crimebriefs.files import batched_writes, put_in_place, write_atomic, write_temporary


def test_batched_write_appears_only_when_the_batch_ends_whole(tmp_path):
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    with batched_writes():
        write_atomic(target, b"new")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_batched_writes_to_one_file_end_with_the_last(tmp_path):
    target = tmp_path / "a.md"
    with batched_writes():
        write_atomic(target, b"first")
        write_atomic(target, b"second")
    assert target.read_bytes() == b"second"


def test_batch_interrupted_keeps_the_files_written_so_far_and_no_temporary_files(tmp_path):
    with pytest.raises(KeyboardInterrupt), batched_writes():
        write_atomic(tmp_path / "a.md", b"a")
        raise KeyboardInterrupt
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_write_outside_a_batch_is_in_place_at_once(tmp_path):
    write_atomic(tmp_path / "a.md", b"a")
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


@pytest.mark.parametrize("batched", [False, True])
def test_written_files_get_the_permissions_the_umask_gives_a_new_file(tmp_path, batched):
    old = os.umask(0o027)
    try:
        with batched_writes() if batched else contextlib.nullcontext():
            write_atomic(tmp_path / "a.md", b"a")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o640


def test_a_file_written_aside_is_put_in_place_only_when_the_batch_ends(tmp_path):
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    with batched_writes():
        temporary, written = write_temporary(tmp_path / "new-brief", b"new")
        put_in_place(temporary, target)
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino == written.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_file_written_aside_outside_a_batch_is_in_place_at_once(tmp_path):
    temporary, _ = write_temporary(tmp_path / "new-brief", b"new")
    put_in_place(temporary, tmp_path / "a.md")
    assert (tmp_path / "a.md").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
