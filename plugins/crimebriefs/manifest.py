"""What the import wrote, so that it can tell its own files from a person's edits."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from crimebriefs.files import write_atomic

MANIFEST_NAME = ".crimebriefs-import.json"
VERSION = 1


@dataclass
class Entry:
    """One brief file the import wrote."""

    key: str
    """The raw page it came from."""
    sha256: str
    """The digest of the bytes the import last wrote; any other content is a person's edit."""


@dataclass
class Manifest:
    """Brief file name → :class:`Entry`, kept in the briefs folder."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    loaded: str = ""
    """The file's text when it was read, so an unchanged manifest is not rewritten."""

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        try:
            data = json.loads(text)
            entries = {name: Entry(**entry) for name, entry in data["briefs"].items()}
        except (ValueError, KeyError, TypeError):
            # Unusable: start afresh. Nothing is lost, since without a record every existing
            # file counts as a person's and is never overwritten.
            return cls(path, loaded=text)
        return cls(path, entries, loaded=text)

    def __post_init__(self) -> None:
        self._by_key = {}
        for name in sorted(self.entries, reverse=True):
            self._by_key[self.entries[name].key] = name

    def file_for(self, key: str) -> str | None:
        """The brief file already written for a raw page, if any."""
        return self._by_key.get(key)

    def record(self, name: str, key: str, digest: str) -> None:
        """Remember that the import wrote ``name`` from ``key`` with this content."""
        self.entries[name] = Entry(key, digest)
        self._by_key[key] = name

    def dumps(self) -> str:
        briefs = {name: {"key": e.key, "sha256": e.sha256} for name, e in sorted(self.entries.items())}
        return json.dumps({"version": VERSION, "briefs": briefs}, indent=1, ensure_ascii=False) + "\n"

    def save(self) -> None:
        """Write the manifest if it changed."""
        text = self.dumps()
        if text != self.loaded:
            write_atomic(self.path, text.encode("utf-8"))
            self.loaded = text
