"""A dump folder → brief files: slugs, edit protection, atomic writes and a report."""

import fcntl
import functools
import hashlib
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from crimebriefs.errors import ImportLockedError, ReadError
from crimebriefs.files import batched_writes, remove_leftovers, sha256, write_atomic
from crimebriefs.manifest import Entry, Manifest
from crimebriefs.markdown_file import render_file
from crimebriefs.model import Brief, RawPage, Status
from crimebriefs.parse import parse_page
from crimebriefs.read import dump_files, read_file, read_sources
from crimebriefs.slugs import base_slug

LOCK_NAME = ".crimebriefs-import.lock"
BACKUP_SUFFIX = ".bak"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one page."""

    origin: str
    """The raw page, as a path (with ``:LINE`` for crawl records)."""
    file: str | None = None
    """The brief file, when there is one."""
    detail: str | None = None
    """Why it was skipped or kept, what a draft lacks, or what went wrong."""


@dataclass
class ImportReport:
    """Every page of an import, by outcome."""

    imported: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    drafts: list[Outcome] = field(default_factory=list)
    """Written (or kept) with ``status: draft``; also counted under the write outcomes."""
    skipped: list[Outcome] = field(default_factory=list)
    kept: list[Outcome] = field(default_factory=list)
    errors: list[Outcome] = field(default_factory=list)
    warnings: list[Outcome] = field(default_factory=list)
    unreadable: int = 0
    """How many files could not be read at all; the import's exit status follows it."""

    def lines(self) -> list[str]:
        """The report as text, a count per outcome, then a line per page worth a look."""
        counts = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in ("imported", "updated", "unchanged", "drafts", "skipped", "kept", "errors")
        )
        out = [counts]
        for name, what in (
            ("drafts", "draft"),
            ("kept", "kept"),
            ("skipped", "skipped"),
            ("errors", "error"),
            ("warnings", "warning"),
        ):
            for outcome in getattr(self, name):
                where = f"{outcome.origin} → {outcome.file}" if outcome.file else outcome.origin
                out.append(f"{what}: {where}: {outcome.detail}")
        return out


@contextmanager
def import_lock(folder: Path) -> Iterator[None]:
    """Hold the briefs folder for one import at a time."""
    with open(folder / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ImportLockedError(
                f"{folder}: another import is running on this folder; wait for it to finish and try again"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_pages(raw_dir: Path, report: ImportReport) -> Iterator[RawPage]:
    """Every page of a dump folder, one at a time, reporting what cannot be read.

    Pages come in the order of the files' names, and a crawl file's records in the order
    of its lines, so a large crawl is never held in memory.
    """
    sources, problems = read_sources(raw_dir)
    report.warnings.extend(
        Outcome(origin=problem.split(": ", 1)[0], detail=problem.split(": ", 1)[1]) for problem in problems
    )
    for path in dump_files(raw_dir):
        key = path.relative_to(raw_dir).as_posix()
        for page in read_file(path, key, sources.get(key)):
            if isinstance(page, ReadError):
                report.errors.append(Outcome(page.origin, detail=page.reason))
                report.unreadable += page.unreadable
            else:
                yield page


@functools.cache
def code_digest() -> str:
    """The digest of the import's own code: a page read by other code is parsed again."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def page_digest(page: RawPage) -> str:
    """Everything of a page its brief is made from."""
    parts = (page.key, page.source_url or "", str(page.is_html), *page.notes, page.text)
    return sha256("\0".join(parts).encode("utf-8", "surrogatepass"))


def import_dump(
    raw_dir: Path, briefs_dir: Path, *, force: bool = False, on_page: Callable[[], None] | None = None
) -> ImportReport:
    """Import every page of ``raw_dir`` into ``briefs_dir``; see :class:`ImportReport`.

    ``on_page`` is called after each page read, for a progress display.
    """
    report = ImportReport()
    if not raw_dir.is_dir():
        report.errors.append(Outcome(str(raw_dir), detail="no such folder"))
        report.unreadable += 1
        return report
    briefs_dir.mkdir(parents=True, exist_ok=True)
    # The manifest is written last, so it never records a brief that is not in place.
    with import_lock(briefs_dir), batched_writes():
        remove_leftovers(briefs_dir)
        manifest = Manifest.load(briefs_dir)
        writer = _Writer(briefs_dir, manifest, report, force)
        first_origin: dict[str, str] = {}
        same_code = manifest.code == code_digest()
        for page in read_pages(raw_dir, report):
            if on_page is not None:
                on_page()
            raw = page_digest(page)
            if same_code and page.key not in first_origin and writer.reuse(page, raw):
                first_origin[page.key] = page.origin
                continue
            brief = parse_page(page)
            for warning in brief.warnings:
                report.warnings.append(Outcome(brief.origin, detail=warning))
            if brief.key in first_origin:
                # A crawl that fetched a page twice: the first record is the brief, always the same one.
                report.skipped.append(Outcome(brief.origin, detail=f"the same page as {first_origin[brief.key]}"))
                continue
            first_origin[brief.key] = brief.origin
            if brief.status is Status.SKIPPED:
                report.skipped.append(Outcome(brief.origin, detail=brief.reason))
                continue
            writer.write(brief, raw)
        manifest.code = code_digest()
        manifest.save()
    return report


class _Writer:
    """Places briefs in the folder without ever overwriting a person's work."""

    def __init__(self, folder: Path, manifest: Manifest, report: ImportReport, force: bool):
        self.folder, self.manifest, self.report, self.force = folder, manifest, report, force
        # Every name in use, by a person or an earlier import, is closed to a new page.
        self.taken = {p.stem for p in folder.glob("*.md")} | {Path(n).stem for n in manifest.entries}

    def reuse(self, page: RawPage, raw: str) -> bool:
        """Report a page whose brief is already written from the same page by the same code, without parsing it."""
        name = self.manifest.file_for(page.key)
        entry = self.manifest.entries.get(name) if name else None
        if entry is None or entry.raw != raw:
            return False
        path = self.folder / name
        try:
            if sha256(path.read_bytes()) != entry.sha256:
                return False
        except FileNotFoundError:
            return False
        self.report.warnings.extend(Outcome(page.origin, detail=warning) for warning in entry.warnings)
        self.report.unchanged.append(Outcome(page.origin, file=str(path)))
        if entry.draft is not None:
            self.report.drafts.append(Outcome(page.origin, str(path), entry.draft))
        return True

    def write(self, brief: Brief, raw: str) -> None:
        data = render_file(brief).encode("utf-8")
        name = self.manifest.file_for(brief.key) or self._new_name(brief, data)
        path = self.folder / name
        outcome = Outcome(brief.origin, file=str(path))
        digest = sha256(data)
        if brief.status is Status.DRAFT:
            self.report.drafts.append(Outcome(brief.origin, str(path), brief.reason))
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        entry = self.manifest.entries.get(name)
        if current == data:
            self.report.unchanged.append(outcome)
        elif current is None and entry is None:
            write_atomic(path, data)
            self.report.imported.append(outcome)
        elif current is not None and entry is not None and sha256(current) == entry.sha256:
            write_atomic(path, data)
            self.report.updated.append(outcome)
        elif self.force:
            if current is not None:
                write_atomic(path.with_name(path.name + BACKUP_SUFFIX), current)
            write_atomic(path, data)
            self.report.updated.append(
                Outcome(
                    brief.origin,
                    str(path),
                    f"forced; the edited copy is in {path.name}{BACKUP_SUFFIX}" if current is not None else "forced",
                )
            )
        else:
            why = "deleted by hand after import" if current is None else "edited by hand after import"
            self.report.kept.append(
                Outcome(brief.origin, str(path), f"{why}; left as it is (--force re-imports it, keeping a backup)")
            )
            return
        draft = brief.reason if brief.status is Status.DRAFT else None
        self.manifest.record(name, Entry(brief.key, digest, raw, draft, list(brief.warnings)))

    def _new_name(self, brief: Brief, data: bytes) -> str:
        base = base_slug(brief)
        for number in itertools.count(1):
            slug = base if number == 1 else f"{base}-{number}"
            if slug not in self.taken:
                break
            # A file that already holds exactly this page (its record was lost) is adopted.
            candidate = self.folder / f"{slug}.md"
            if slug + ".md" not in self.manifest.entries and candidate.is_file() and candidate.read_bytes() == data:
                break
        self.taken.add(slug)
        return slug + ".md"
