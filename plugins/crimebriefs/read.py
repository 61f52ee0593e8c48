"""Dump files → :class:`RawPage`: text pages, saved HTML pages and crawl records (JSON Lines).

Each reader says which files it takes and yields pages, or a :class:`ReadError` for what
it cannot read, so that one bad page or line never stops the others.
"""

import codecs
import csv
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from crimebriefs.errors import ReadError
from crimebriefs.model import RawPage

SOURCES_FILE = "sources.csv"
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
CRAWL_SUFFIXES = (".jsonl",)
PAGE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *CRAWL_SUFFIXES)

# A URL of printable ASCII with a lower-case scheme and a plain host is one, as urlsplit would find at ten times
# the cost: the bulk of reading a sources.csv of thousands of rows. Anything else is left to urlsplit.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#][!-~]*)?")

# Tried in order after UTF-8; Windows-1252 first because it is what "Latin-1" text
# usually is, and it keeps curly quotes that ISO-8859-1 would turn into control codes.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def decode(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    """Decode a text page, returning the text and notes on any fallback taken."""
    if not data.strip():
        raise ReadError(origin, "empty file: no text to import")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            try:
                return data.decode(encoding), ()
            except UnicodeDecodeError as exc:
                raise ReadError(
                    origin,
                    f"not valid {encoding.upper()} despite its byte-order mark ({exc.reason} at byte {exc.start})",
                ) from exc
    if b"\x00" in data:
        raise ReadError(origin, "binary file (it contains NUL bytes), not a text page")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, (f"not UTF-8 (byte {first_bad}); decoded as {_encoding_name(encoding)}",)
    raise ReadError(origin, "not UTF-8 and not in any fallback encoding")  # pragma: no cover


def _encoding_name(encoding: str) -> str:
    return {"cp1252": "Windows-1252 (Latin-1)", "latin-1": "ISO-8859-1"}[encoding]


def read_bytes(path: Path | str) -> bytes:
    """Read a file, turning the ways it can fail into a :class:`ReadError`."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path | str, exc: OSError) -> ReadError:
    if isinstance(exc, FileNotFoundError):
        reason = "no such file"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a folder, not a file"
    elif isinstance(exc, PermissionError):
        reason = "permission denied"
    else:
        reason = f"could not be read ({exc.strerror})"
    return ReadError(str(path), reason, unreadable=True)


def read_text_page(path: Path | str, key: str, source_url: str | None) -> RawPage:
    """Read one text page."""
    text, notes = decode(read_bytes(path), str(path))
    return RawPage(origin=str(path), key=key, text=text, source_url=source_url, notes=notes)


def read_html_page(path: Path | str, key: str, source_url: str | None) -> RawPage:
    """Read one saved HTML page; its canonical link gives the URL when ``source_url`` does not."""
    text, notes = decode(read_bytes(path), str(path))
    return RawPage(origin=str(path), key=key, text=text, source_url=source_url, notes=notes, is_html=True)


def read_file(path: Path, key: str, source_url: str | None) -> Iterator[RawPage | ReadError]:
    """Every page of one dump file, by its suffix: one for a text or HTML page, one per crawl record."""
    suffix = path.suffix.lower()
    if suffix in CRAWL_SUFFIXES:
        yield from read_crawl(path, key)
        return
    if suffix not in PAGE_SUFFIXES:
        yield ReadError(str(path), f"not a dump page: {suffix or 'no'} suffix (pages are {', '.join(PAGE_SUFFIXES)})")
        return
    yield read_page(path, key, source_url)


def read_page(path: Path | str, key: str, source_url: str | None) -> RawPage | ReadError:
    """One text or saved HTML page file, by its suffix, or what is wrong with it.

    A path may be a string, as a dump's folder listing gives it: making a :class:`Path` of each of
    thousands of pages costs more than reading it.
    """
    reader = read_html_page if os.path.splitext(path)[1].lower() in HTML_SUFFIXES else read_text_page
    try:
        return reader(path, key, source_url)
    except ReadError as exc:
        return exc


def read_crawl(path: Path, key: str) -> Iterator[RawPage | ReadError]:
    """The records of a crawl file, one JSON object a line, read a line at a time.

    Each good record is a page keyed ``KEY#URL``; a line that is not a usable record
    gives a :class:`ReadError` naming ``path:LINE`` and reading goes on.
    """
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    records = 0
    with stream:
        try:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                records += 1
                yield crawl_record(line, f"{path}:{number}", key)
        except OSError as exc:
            yield ReadError(str(path), f"could not be read to the end ({exc.strerror})", unreadable=True)
            return
    if not records:
        yield ReadError(str(path), "empty file: no records to import")


def crawl_record(line: bytes, origin: str, key: str) -> RawPage | ReadError:
    """One line of a crawl file → its page, or what is wrong with it."""
    line = line.strip()
    try:
        record = json.loads(line)
    except UnicodeDecodeError as exc:
        return ReadError(origin, f"not UTF-8 (byte {exc.start}); skipped")
    except json.JSONDecodeError as exc:
        problem = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
        if exc.pos >= len(line) - 1 or exc.msg.startswith("Unterminated"):
            return ReadError(origin, f"the line is cut off (not valid JSON: {problem}); skipped")
        return ReadError(origin, f"not valid JSON ({problem}); skipped")
    if not isinstance(record, dict):
        return ReadError(origin, f"a JSON {type(record).__name__}, not an object with url and text or html; skipped")
    url = record.get("url")
    if not isinstance(url, str) or not url.strip():
        return ReadError(origin, "the record has no 'url'; skipped")
    if not is_url(url.strip()):
        return ReadError(origin, f"the record's url {url!r} is not an http(s) URL; skipped")
    url = url.strip()
    # A record with both is read as HTML: its markup says more (metadata, links) than its text.
    for name, is_html in (("html", True), ("text", False)):
        content = record.get(name)
        if isinstance(content, str) and content.strip():
            for what, value in (("url", url), (name, content)):
                if (at := _half_pair(value)) is not None:
                    return ReadError(
                        origin,
                        f"the record's {what!r} holds \\u{ord(value[at]):04x} at character {at + 1}, half of a "
                        "UTF-16 pair and no character; skipped",
                    )
            return RawPage(origin=origin, key=f"{key}#{url}", text=content, source_url=url, is_html=is_html)
        if content is not None and not isinstance(content, str):
            return ReadError(origin, f"the record's {name!r} is a JSON {type(content).__name__}, not text; skipped")
    return ReadError(origin, "the record has no content: no 'text' or 'html'; skipped")


def _half_pair(text: str) -> int | None:
    """Where ``text`` holds half of a UTF-16 surrogate pair, which a JSON ``\\ud800`` escape can give, if it does."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def is_url(value: str) -> bool:
    """Whether a value is an absolute http(s) URL."""
    if _PLAIN_URL.fullmatch(value):
        return True
    try:
        parts = urlsplit(value)
    except ValueError:  # a bracketed host that is no IP address: "http://[x/"
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def read_sources(folder: Path) -> tuple[dict[str, str], list[str]]:
    """Read ``sources.csv`` (``file,url``) beside the pages: file name → URL, and problems."""
    path = folder / SOURCES_FILE
    if not path.is_file():
        return {}, []
    problems: list[str] = []
    try:
        text, _ = decode(read_bytes(path), str(path))
    except ReadError as exc:
        return {}, [str(exc)]
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None or [cell.strip().lower() for cell in header[:2]] != ["file", "url"]:
        return {}, [f"{path}:1: the header must be 'file,url', found {','.join(header or [])!r}"]
    urls: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            problems.append(f"{path}:{number}: expected 'file,url', found {','.join(row)!r}")
            continue
        name, url = row[0].strip(), row[1].strip()
        if not is_url(url):
            problems.append(f"{path}:{number}: {url!r} is not an http(s) URL; {name} gets no source")
            continue
        if name in urls and urls[name] != url:
            problems.append(f"{path}:{number}: {name} is listed twice; keeping the first URL")
            continue
        urls[name] = url
    return urls, problems


def dump_files(folder: Path) -> Iterator[Path]:
    """The page files of a dump folder, in a stable order, hidden files and sources.csv aside."""
    return (Path(path) for path, _ in dump_entries(folder))


def dump_entries(folder: Path | str, prefix: str = "") -> Iterator[tuple[str, str]]:
    """The page files of a dump folder with their keys (the path inside the folder, with ``/``), in the order of
    the sorted paths: each folder's names sorted, a subfolder's files right after its name.

    Each path is a string, as ``str(folder / name)`` writes it: a dump holds thousands of files, and making a
    :class:`Path` of each costs a re-import more than looking at the file. Hidden files and folders are left
    out, and so is any ``sources.csv``. Links to folders are not followed, so a link cannot make a loop.
    """
    base = str(folder)
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except PermissionError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        path = path_in(base, name)
        if entry.is_dir(follow_symlinks=False):
            yield from dump_entries(path, f"{prefix}{name}/")
        elif name != SOURCES_FILE and entry.is_file():
            yield path, prefix + name


def path_in(folder: str, name: str) -> str:
    """``str(Path(folder) / name)`` for a file name, without making a :class:`Path`."""
    return name if folder == "." else os.path.join(folder, name)
