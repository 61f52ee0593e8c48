"""Dump files → :class:`RawPage`: decoding, source URLs, and what cannot be read."""

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from crimebriefs.errors import ReadError
from crimebriefs.model import RawPage

SOURCES_FILE = "sources.csv"
TEXT_SUFFIXES = (".txt",)

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


def read_bytes(path: Path) -> bytes:
    """Read a file, turning the ways it can fail into a :class:`ReadError`."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(str(path), "no such file", unreadable=True) from exc
    except IsADirectoryError as exc:
        raise ReadError(str(path), "is a folder, not a file", unreadable=True) from exc
    except PermissionError as exc:
        raise ReadError(str(path), "permission denied", unreadable=True) from exc
    except OSError as exc:
        raise ReadError(str(path), f"could not be read ({exc.strerror})", unreadable=True) from exc


def read_text_page(path: Path, key: str, source_url: str | None) -> RawPage:
    """Read one text page."""
    text, notes = decode(read_bytes(path), str(path))
    return RawPage(origin=str(path), key=key, text=text, source_url=source_url, notes=notes)


def is_url(value: str) -> bool:
    """Whether a value is an absolute http(s) URL."""
    parts = urlsplit(value)
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
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.name == SOURCES_FILE:
            continue
        if path.is_file():
            yield path
