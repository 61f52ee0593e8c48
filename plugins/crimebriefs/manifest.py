"""What the import wrote, so that it can tell its own files from a person's edits."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crimebriefs.files import write_atomic

MANIFEST_NAME = ".crimebriefs-import.json"
CODE_NAME = ".crimebriefs-import.code"
"""Beside the manifest, out of version control: which code wrote it, changing with every version of crimebriefs."""
VERSION = 1


@dataclass
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
            return cls(path, loaded=text)
        return cls(path, entries, loaded=text, code=code, loaded_code=code)

    def __post_init__(self) -> None:
        self._by_key = {}
        for name in sorted(self.entries, reverse=True):
            self._by_key[self.entries[name].key] = name

    def file_for(self, key: str) -> str | None:
        """The brief file already written for a raw page, if any."""
        return self._by_key.get(key)

    def record(self, name: str, entry: Entry) -> None:
        """Remember that the import wrote ``name``, as ``entry`` says."""
        self.entries[name] = entry
        self._by_key[entry.key] = name

    def dumps(self) -> str:
        # Empty fields are left out: a manifest stays as short as the import's record needs.
        briefs = {name: {k: v for k, v in asdict(e).items() if v} for name, e in sorted(self.entries.items())}
        data = {"version": VERSION, "briefs": briefs}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def save(self) -> None:
        """Write the manifest if it changed."""
        text = self.dumps()
        if text != self.loaded:
            write_atomic(self.path, text.encode("utf-8"))
            self.loaded = text
        if self.code != self.loaded_code:
            write_atomic(self.path.with_name(CODE_NAME), f"{self.code}\n".encode())
            self.loaded_code = self.code
