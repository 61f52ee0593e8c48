"""What the import wrote, so that it can tell its own files from a person's edits."""

import json
import json.encoder
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from crimebriefs.files import write_atomic

MANIFEST_NAME = ".crimebriefs-import.json"
CODE_NAME = ".crimebriefs-import.code"
"""Beside the manifest, out of version control: which code wrote it, changing with every version of crimebriefs."""
STAMPS_NAME = ".crimebriefs-import.stat"
"""Beside the manifest, out of version control: file sizes and times that spare a re-import reading unchanged files."""
VERSION = 1
_string = json.encoder.encode_basestring
"""A string as JSON writes it with ``ensure_ascii=False``."""

FileStat = tuple[int, int, int]
"""A file's size, modification time (ns) and inode: what a change to it changes."""


def file_stat(result: os.stat_result) -> FileStat:
    return (result.st_size, result.st_mtime_ns, result.st_ino)


# Neither record is frozen: a re-import makes one of each per brief, and a frozen dataclass takes three times as long
# to make. Neither is changed once made.
@dataclass(slots=True)
class Stamp:
    """What ``os.stat`` said of a raw page and of its brief once both were known to be as the entry records.

    A re-import that finds the same sizes, times and inodes, the same source URL and the same entry takes the
    brief as unchanged without reading either file. Any difference sends it back to the digests.
    """

    raw: FileStat
    brief: FileStat
    source_url: str | None
    sha256: str
    """The entry's brief digest when stamped: an entry changed since (a manifest from elsewhere) voids the stamp."""
    raw_digest: str


@dataclass(slots=True)
class Entry:
    """One brief file the import wrote."""

    key: str
    """The raw page it came from."""
    sha256: str
    """The digest of the bytes the import last wrote; any other content is a person's edit."""
    raw: str = ""
    """The digest of the raw page it was written from, so an unchanged page need not be parsed again."""
    draft: str | None = None
    """What an editor must add, when it was written as a draft."""
    warnings: list[str] = field(default_factory=list)
    """What the import warned of, repeated when the page is not parsed again."""


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


@dataclass
class Manifest:
    """Brief file name → :class:`Entry`, kept in the briefs folder."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    loaded: str = ""
    """The file's text when it was read, so an unchanged manifest is not rewritten."""
    code: str = ""
    """The digest of the code that wrote the entries; other code parses every page again."""
    loaded_code: str = ""
    stamps: dict[str, Stamp] = field(default_factory=dict)
    """Brief file name → :class:`Stamp`, from :data:`STAMPS_NAME`."""
    loaded_stamps: str = ""
    loaded_stamp_values: dict[str, Stamp] = field(default_factory=dict)
    """The stamps :attr:`loaded_stamps` holds: the same stamps need not be written out again to be compared."""
    recorded: bool = False
    """Whether the entries changed since the file was read (or it could not be read), so it must be written."""

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        code_file = folder / CODE_NAME
        code = code_file.read_text(encoding="utf-8").strip() if code_file.is_file() else ""
        try:
            data = json.loads(text)
            entries = {name: Entry(**entry) for name, entry in data["briefs"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            # Unusable: start afresh. Nothing is lost, since without a record every existing
            # file counts as a person's and is never overwritten.
            return cls(path, loaded=text, recorded=True)
        stamps_text, stamps = _load_stamps(folder / STAMPS_NAME)
        return cls(path, entries, loaded=text, code=code, loaded_code=code, stamps=stamps, loaded_stamps=stamps_text,
                   loaded_stamp_values=dict(stamps))  # fmt: skip

    def __post_init__(self) -> None:
        self._by_key = {}
        for name in sorted(self.entries, reverse=True):
            self._by_key[self.entries[name].key] = name

    def file_for(self, key: str) -> str | None:
        """The brief file already written for a raw page, if any."""
        return self._by_key.get(key)

    def record(self, name: str, entry: Entry) -> None:
        """Remember that the import wrote ``name``, as ``entry`` says."""
        if self.entries.get(name) != entry:
            self.recorded = True
        self.entries[name] = entry
        self._by_key[entry.key] = name

    def dumps(self) -> str:
        # Empty fields are left out: a manifest stays as short as the import's record needs.
        briefs = {
            name: {k: v for k in _ENTRY_FIELDS if (v := getattr(e, k))} for name, e in sorted(self.entries.items())
        }
        text = _indented(briefs)
        if text is None:
            text = json.dumps({"version": VERSION, "briefs": briefs}, indent=1, ensure_ascii=False)
        return text + "\n"

    def save(self) -> None:
        """Write the manifest if it changed."""
        # Writing out thousands of entries costs more than the rest of an import that changed nothing.
        text = self.dumps() if self.recorded or not self.loaded else self.loaded
        if text != self.loaded:
            write_atomic(self.path, text.encode("utf-8"))
            self.loaded = text
        self.recorded = False
        if self.code != self.loaded_code:
            write_atomic(self.path.with_name(CODE_NAME), f"{self.code}\n".encode())
            self.loaded_code = self.code
        if self.loaded_stamps and self.stamps == self.loaded_stamp_values:
            return
        stamps = json.dumps({name: _stamp_row(stamp) for name, stamp in sorted(self.stamps.items())}) + "\n"
        if stamps != self.loaded_stamps and (self.stamps or self.loaded_stamps):
            write_atomic(self.path.with_name(STAMPS_NAME), stamps.encode("utf-8"))
            self.loaded_stamps = stamps
            self.loaded_stamp_values = dict(self.stamps)


def _indented(briefs: dict[str, dict]) -> str | None:
    """``json.dumps({"version": VERSION, "briefs": briefs}, indent=1, ensure_ascii=False)``, when every field is
    text or a list of text (None otherwise).

    JSON's own indented writer is Python code, and takes longer than the rest of a re-import of
    thousands of pages; the text here is the same, each string written by JSON's own (C) encoder.
    """
    rows = []
    for name, entry in briefs.items():
        parts = []
        for key, value in entry.items():
            if type(value) is str:
                parts.append(f"   {_string(key)}: {_string(value)}")
            elif type(value) is list and all(type(item) is str for item in value):
                items = ",\n".join(f"    {_string(item)}" for item in value)
                parts.append(f"   {_string(key)}: [\n{items}\n   ]")
            else:
                return None
        rows.append(f"  {_string(name)}: " + ("{\n" + ",\n".join(parts) + "\n  }" if parts else "{}"))
    listed = "{\n" + ",\n".join(rows) + "\n }" if rows else "{}"
    return f'{{\n "version": {VERSION},\n "briefs": {listed}\n}}'


def _stamp_row(stamp: Stamp) -> list:
    return [stamp.raw, stamp.brief, stamp.source_url, stamp.sha256, stamp.raw_digest]


def _load_stamps(path: Path) -> tuple[str, dict[str, Stamp]]:
    """The stamps of the last import; none when the file is missing or unusable, which only costs reading files."""
    try:
        text = path.read_text(encoding="utf-8")
        stamps = {
            name: Stamp(tuple(raw), tuple(brief), url, digest, raw_digest)
            for name, (raw, brief, url, digest, raw_digest) in json.loads(text).items()
        }
    except (OSError, ValueError, TypeError, AttributeError):
        return "", {}
    return text, stamps
