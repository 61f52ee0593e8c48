"""Pelican's file stamps, worked out once per file and build instead of six times.

Pelican stamps every file it reads (its modification time, or with ``CHECK_MODIFIED_METHOD``
set to a hash, as this site does for checkouts that reset times, a digest of its bytes) each
time it looks in or fills one of its two content caches: the articles generator's and its
readers'. That is four stamps per brief, and two more when the read-ahead asks whether a brief
is cached; even with the caches off. A digest read here once is remembered for the build, and
the processes that read the briefs ahead work theirs out from the very bytes they turn into HTML.
"""

import hashlib
from collections.abc import Callable


def stamp_function(settings: dict) -> Callable[[bytes], bytes] | None:
    """The digest Pelican stamps a file's bytes with, or None when it stamps something else (the time)."""
    method = settings.get("CHECK_MODIFIED_METHOD", "mtime")
    function = getattr(hashlib, method, None) if method != "mtime" else None
    return (lambda data: function(data).digest()) if callable(function) else None


def remember_stamps(cachers: list) -> dict[str, bytes]:
    """Make Pelican's cachers work out a file's stamp at most once in a build, sharing what they learn;
    returns the stamps they share (by path), for stamps learnt elsewhere (the read-ahead's) to be added."""
    known = next((found for cacher in cachers if (found := _remembered(cacher)) is not None), {})
    for cacher in cachers:
        stamp = getattr(cacher, "_filestamp_func", None)
        if stamp is None or _remembered(cacher) is known:
            continue

        def remembered(path: str, stamp=stamp) -> bytes:
            found = known.get(path)
            if found is None:
                found = known[path] = stamp(path)
            return found

        remembered.remembers = known
        cacher._filestamp_func = remembered
    return known


def _remembered(cacher) -> dict | None:
    return getattr(getattr(cacher, "_filestamp_func", None), "remembers", None)


def holds(cacher, name: str) -> bool:
    """Whether a cacher holds good data for a file: its stamp is worked out only if it holds any."""
    # Pelican's get_cached_data stamps the file even when the cache is empty, as it is in a cold build.
    return name in getattr(cacher, "_cache", (name,)) and cacher.get_cached_data(name, None) is not None
