"""Pelican's stamps of the briefs are worked out once per file and build, and are the stamps Pelican makes."""

import hashlib
from pathlib import Path

from pelican.cache import FileStampDataCacher
from pelican.settings import read_settings

from crimebriefs.file_stamps import holds, remember_stamps
from crimebriefs.reader import BriefReader

BRIEF = """\
---
title: Police seize cocaine in Guayaquil
date: 2024-03-01
topic: Ecuador
kind: original
lang: en
---
A paragraph of the brief.

Another paragraph.
"""


def cacher(tmp_path: Path, name: str) -> FileStampDataCacher:
    settings = read_settings(override={"CACHE_PATH": str(tmp_path / "cache"), "CHECK_MODIFIED_METHOD": "md5"})
    return FileStampDataCacher(settings, name, caching_policy=True, load_policy=True)


def counting(cacher, calls: list) -> None:
    stamp = cacher._filestamp_func

    def counted(path):
        calls.append(path)
        return stamp(path)

    cacher._filestamp_func = counted


def test_two_caches_stamp_each_file_once_in_a_build(tmp_path):
    brief = tmp_path / "brief.md"
    brief.write_text(BRIEF, encoding="utf-8")
    first, second, calls = cacher(tmp_path, "one"), cacher(tmp_path, "two"), []
    counting(first, calls)
    counting(second, calls)
    remember_stamps([first, second])
    for cache in (first, second):
        cache.get_cached_data(str(brief), None)
        cache.cache_data(str(brief), "data")
        assert cache.get_cached_data(str(brief), None) == "data"
    assert calls == [str(brief)]


def test_a_cache_that_holds_nothing_for_a_file_is_answered_without_stamping_it(tmp_path):
    brief = tmp_path / "brief.md"
    brief.write_text(BRIEF, encoding="utf-8")
    cache, calls = cacher(tmp_path, "empty"), []
    counting(cache, calls)
    assert not holds(cache, str(brief))
    assert calls == []
    cache.cache_data(str(brief), "data")
    assert holds(cache, str(brief))
    cache.save_cache()
    brief.write_text(BRIEF + "An edit.\n", encoding="utf-8")
    assert not holds(cacher(tmp_path, "empty"), str(brief)), "an edited file's cached data is not good"


def test_a_brief_read_ahead_carries_the_stamp_pelican_makes_of_its_bytes(tmp_path):
    briefs = {"unix.md": BRIEF, "windows.md": BRIEF.replace("\n", "\r\n"), "old-mac.md": BRIEF.replace("\n", "\r")}
    for name, text in briefs.items():
        (tmp_path / name).write_bytes(text.encode("utf-8-sig" if name == "windows.md" else "utf-8"))
    settings = read_settings(override={"CHECK_MODIFIED_METHOD": "md5"})
    ahead, plain = BriefReader(settings), BriefReader(settings)
    paths = [str(tmp_path / name) for name in briefs]
    ahead.prepare(paths, processes=1)
    pelicans = FileStampDataCacher(settings, "stamps", caching_policy=False, load_policy=False)
    for path in paths:
        assert ahead.stamps[path] == hashlib.md5(Path(path).read_bytes()).digest() == pelicans._filestamp_func(path)
        # Whatever its line ends, the brief is read as Pelican reads it.
        assert (
            ahead.read(path)[0] == plain.read(path)[0] == "<p>A paragraph of the brief.</p>\n<p>Another paragraph.</p>"
        )


def test_a_site_stamping_by_time_has_no_stamps_read_ahead(tmp_path):
    (tmp_path / "brief.md").write_text(BRIEF, encoding="utf-8")
    ahead = BriefReader(read_settings(override={"CHECK_MODIFIED_METHOD": "mtime"}))
    ahead.prepare([str(tmp_path / "brief.md")], processes=1)
    assert ahead.stamps == {}
    assert str(tmp_path / "brief.md") in ahead.prepared
