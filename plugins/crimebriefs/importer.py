"""A dump folder → brief files: slugs, edit protection, atomic writes and a report."""

import fcntl
import functools
import hashlib
import itertools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from crimebriefs.errors import ImportLockedError, ReadError
from crimebriefs.files import batched_writes, put_in_place, remove_leftovers, sha256, write_atomic
from crimebriefs.manifest import Entry, FileStat, Manifest, Stamp, file_stat
from crimebriefs.model import RawPage, Status
from crimebriefs.parallel import map_in_order
from crimebriefs.read import CRAWL_SUFFIXES, PAGE_SUFFIXES, dump_entries, path_in, read_file, read_sources
from crimebriefs.rendering import Rendered, ToParse, page_digest, render_page

AT_ONCE_PAGES = 500
"""A dump of this many page files, none imported yet by this code, has its workers started at once: they would be
started anyway, and each is ready some 0.2 s after it starts."""
LOCK_NAME = ".crimebriefs-import.lock"
BACKUP_SUFFIX = ".bak"
TICK_NS = 3_000_000_000
"""Longer than the coarsest modification times (FAT's 2 s) and the lag of the clock file systems read."""


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


@dataclass(frozen=True, slots=True)
class _Unread:
    """A page or file that could not be read."""

    origin: str
    reason: str
    unreadable: bool


@dataclass(slots=True)  # not frozen: a no-op re-import makes one per page, and a frozen one costs three times more
class _Unchanged:
    """A page whose brief is as the import last wrote it, from the same page: reported, not parsed."""

    origin: str
    file: str
    entry: Entry


@functools.cache
def code_digest() -> str:
    """The digest of the import's own code: a page read by other code is parsed again."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def import_dump(
    raw_dir: Path,
    briefs_dir: Path,
    *,
    force: bool = False,
    on_page: Callable[[], None] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import every page of ``raw_dir`` into ``briefs_dir``; see :class:`ImportReport`.

    ``on_page`` is called after each page read, for a progress display. Pages are parsed in
    ``workers`` other processes as well as this one when there are many (by default one per
    core but this one's; 0 parses them all here); the files and the report are the same.
    """
    report = ImportReport()
    if not raw_dir.is_dir():
        report.errors.append(Outcome(str(raw_dir), detail="no such folder"))
        report.unreadable += 1
        return report
    briefs_dir.mkdir(parents=True, exist_ok=True)
    # The manifest is written last, so it never records a brief that is not in place.
    with import_lock(briefs_dir), batched_writes():
        started = time.time_ns()
        remove_leftovers(briefs_dir)
        manifest = Manifest.load(briefs_dir)
        writer = _Writer(briefs_dir, manifest, report, force)
        first_origin: dict[str, str] = {}
        same_code = manifest.code == code_digest()
        folder = os.path.abspath(briefs_dir)  # for workers, whatever their working folder
        # A first import, or one by other code, parses every page.
        at_once = (not same_code or not manifest.entries) and sum(
            1 for _ in itertools.islice(dump_entries(raw_dir), AT_ONCE_PAGES)
        ) >= AT_ONCE_PAGES

        def plan() -> Iterator[_Unchanged | _Unread | ToParse]:
            """Each page in order: known unchanged, unreadable, or to be parsed (and read, for a page file)."""
            sources, problems = read_sources(raw_dir)
            report.warnings.extend(
                Outcome(origin=problem.split(": ", 1)[0], detail=problem.split(": ", 1)[1]) for problem in problems
            )
            for path, key in dump_entries(raw_dir):
                source_url = sources.get(key)
                suffix = os.path.splitext(path)[1].lower()
                if suffix not in CRAWL_SUFFIXES:
                    known = writer.stamped(path, key, source_url, same_code and key not in first_origin)
                    if known is not None:
                        first_origin[key] = known.origin
                        if on_page is not None:
                            on_page()
                        yield known
                        continue
                if suffix in PAGE_SUFFIXES and suffix not in CRAWL_SUFFIXES:
                    # One page: read by whoever parses it.
                    if on_page is not None:
                        on_page()
                    yield to_parse(path, key, source_url)
                    continue
                for page in read_file(Path(path), key, source_url):
                    if isinstance(page, ReadError):
                        yield _Unread(page.origin, page.reason, page.unreadable)
                        continue
                    if on_page is not None:
                        on_page()
                    raw = page_digest(page)
                    new = page.key not in first_origin
                    known = writer.reuse(page.key, page.origin, raw) if same_code and new else None
                    item = to_parse(page.origin, page.key, page.source_url, page, raw)
                    yield known or item

        def to_parse(
            origin: str, key: str, source_url: str | None, page: RawPage | None = None, raw: str | None = None
        ) -> ToParse:
            first = first_origin.setdefault(key, origin)
            if first != origin:
                return ToParse(origin, key, source_url, page, raw, first)
            name = manifest.file_for(key)
            if name is None:
                return ToParse(origin, key, source_url, page, raw, write_into=folder)
            entry = manifest.entries.get(name)
            return ToParse(origin, key, source_url, page, raw, known_raw=entry.raw if same_code and entry else None)

        # Reading runs a little ahead of parsing; everything is reported and written in the pages' order.
        for item, rendered in map_in_order(
            render_page, plan(), lambda item: isinstance(item, ToParse), workers=workers, at_once=at_once
        ):
            if isinstance(item, _Unchanged):
                writer.report_unchanged(item)
                continue
            if isinstance(item, _Unread) or rendered.raw is None:
                if not isinstance(item, _Unread):
                    item = _Unread(item.origin, rendered.reason, rendered.unreadable)
                report.errors.append(Outcome(item.origin, detail=item.reason))
                report.unreadable += item.unreadable
                continue
            if rendered.status is None:
                # The page its brief was written from: unless the brief was edited since, nothing to do.
                known = writer.reuse(item.key, item.origin, rendered.raw)
                if known is not None:
                    writer.report_unchanged(known)
                    continue
                rendered = render_page(replace(item, known_raw=None))
            for warning in rendered.warnings:
                report.warnings.append(Outcome(item.origin, detail=warning))
            if item.first is not None:
                # A crawl that fetched a page twice: the first record is the brief, always the same one.
                report.skipped.append(Outcome(item.origin, detail=f"the same page as {item.first}"))
                continue
            if rendered.status is Status.SKIPPED:
                report.skipped.append(Outcome(item.origin, detail=rendered.reason))
                continue
            writer.write(item, rendered)
        writer.keep_stamps(started)
        manifest.code = code_digest()
        manifest.save()
    return report


class _Writer:
    """Places briefs in the folder without ever overwriting a person's work."""

    def __init__(self, folder: Path, manifest: Manifest, report: ImportReport, force: bool):
        self.folder, self.manifest, self.report, self.force = folder, manifest, report, force
        self.base = str(folder)
        # Every name in use, by a person or an earlier import, is closed to a new page.
        with os.scandir(folder) as found:
            self.taken = {_stem(e.name) for e in found if e.name.endswith(".md")}
        self.taken |= {_stem(name) for name in manifest.entries}
        self.raw_stats: dict[str, tuple[FileStat, str | None, int]] = {}
        """Raw page key → its stat, taken before it was read, its source URL and :attr:`clock` then."""
        self.kept_stamps: dict[str, Stamp] = {}
        """Stamps that still hold: the brief was not read, since nothing changed."""
        self.new_stamps: dict[str, tuple[Stamp, bool, int, int]] = {}
        """Stamps taken now: whether the brief was written now rather than read, and :attr:`clock` when the
        brief and the raw page were read."""
        self.last_written = 0
        """The latest modification time of a brief written now, by the file system's clock."""
        self.clock = 0
        """The modification time of the latest file written now: the file system's clock had reached it."""

    def stamped(self, path: str, key: str, source_url: str | None, usable: bool) -> _Unchanged | None:
        """A raw page (not a crawl file) unchanged, known without reading it or its brief, when their stamp says
        nothing changed.

        Any stat that differs, or a stamp missing, sends the page to the digests; the raw page's
        stat is noted first, so that the stamp taken then is from before its bytes were read.
        """
        try:
            raw = file_stat(os.stat(path))
        except OSError:
            return None  # reading it says what is wrong
        self.raw_stats[key] = (raw, source_url, self.clock)
        name = self.manifest.file_for(key)
        stamp = self.manifest.stamps.get(name) if name else None
        entry = self.manifest.entries.get(name) if name else None
        if not usable or stamp is None or entry is None:
            return None
        if (raw, source_url, entry.sha256, entry.raw) != (stamp.raw, stamp.source_url, stamp.sha256, stamp.raw_digest):
            return None
        brief = os.path.join(self.folder, name)
        try:
            if file_stat(os.stat(brief)) != stamp.brief:
                return None
        except OSError:
            return None
        self.kept_stamps[name] = stamp
        return _Unchanged(path, brief, entry)

    def reuse(self, key: str, origin: str, raw: str) -> _Unchanged | None:
        """A page whose brief is already written from the same page by the same code, known without parsing it."""
        name = self.manifest.file_for(key)
        entry = self.manifest.entries.get(name) if name else None
        if entry is None or entry.raw != raw:
            return None
        path = self.folder / name
        try:
            # Stat first: an edit made after it changes the time, whether or not the read below saw it.
            before = os.stat(path)
            if sha256(path.read_bytes()) != entry.sha256:
                return None
        except FileNotFoundError:
            return None
        self._stamp(name, key, file_stat(before), written=False, clock=self.clock)
        return _Unchanged(origin, str(path), entry)

    def report_unchanged(self, known: _Unchanged) -> None:
        origin, file, entry = known.origin, known.file, known.entry
        if entry.warnings:
            self.report.warnings.extend(Outcome(origin, detail=warning) for warning in entry.warnings)
        self.report.unchanged.append(Outcome(origin, file=file))
        if entry.draft is not None:
            self.report.drafts.append(Outcome(origin, file, entry.draft))

    def _stamp(self, name: str, key: str, brief: FileStat, written: bool, clock: int) -> None:
        if key not in self.raw_stats:
            return  # a crawl record: its file holds other pages too
        raw, source_url, raw_clock = self.raw_stats[key]
        entry = self.manifest.entries[name]
        stamp = Stamp(raw, brief, source_url, entry.sha256, entry.raw)
        self.new_stamps[name] = (stamp, written, clock, raw_clock)

    def keep_stamps(self, started: int) -> None:
        """Keep the stamps that a later change cannot slip past; the others' pages are read again next time.

        A change within the same tick of the file system's clock as the stamped time would leave
        the time as it was: a tick can be as long as 2 s (FAT). So a file read now (a raw page, a
        brief left as it was) is stamped only if its time is earlier than a time the file system's
        clock had reached before the read (the time of a file written before it), or, failing that,
        more than a tick before the import started (``started``, by the computer's clock). A brief
        written now is put in place after the last one is written, so a later change gives it a time
        at least as late as that one's: it is stamped if its time is earlier.
        """
        stamps = dict(self.kept_stamps)
        settled = started - TICK_NS
        for name, (stamp, written, clock, raw_clock) in self.new_stamps.items():
            brief_before = self.last_written if written else max(clock, settled)
            if stamp.raw[1] < max(raw_clock, settled) and stamp.brief[1] < brief_before:
                stamps[name] = stamp
        self.manifest.stamps = stamps

    def write(self, item: ToParse, rendered: Rendered) -> None:
        if not self._write(item, rendered) and rendered.temporary is not None:
            os.unlink(rendered.temporary)  # the folder holds this brief already, or a person's version of it

    def _write(self, item: ToParse, rendered: Rendered) -> bool:
        """Place, keep or leave the brief, and report it; returns whether it was written now."""
        key, origin = item.key, item.origin
        name = self.manifest.file_for(key) or self._new_name(rendered, key)
        # As str(self.folder / name), without making a Path: most briefs are new, and nothing is read of them.
        file = path_in(self.base, name)
        if rendered.status is Status.DRAFT:
            self.report.drafts.append(Outcome(origin, file, rendered.reason))
        clock = self.clock
        try:
            # Stat first: an edit made after it changes the time, whether or not the read below saw it.
            found = os.stat(file)
            current = Path(file).read_bytes()
        except FileNotFoundError:
            current = None
        entry = self.manifest.entries.get(name)
        if _holds(current, rendered):
            self.report.unchanged.append(Outcome(origin, file=file))
            self.manifest.record(name, self._entry(item, rendered))
            self._stamp(name, key, file_stat(found), False, clock)
            return False
        if current is None and entry is None:
            placed = self._place(file, rendered)
            self.report.imported.append(Outcome(origin, file=file))
        elif current is not None and entry is not None and sha256(current) == entry.sha256:
            placed = self._place(file, rendered)
            self.report.updated.append(Outcome(origin, file=file))
        elif self.force:
            if current is not None:
                self._wrote(file_stat(write_atomic(Path(file + BACKUP_SUFFIX), current)))
            placed = self._place(file, rendered)
            self.report.updated.append(
                Outcome(
                    origin,
                    file,
                    f"forced; the edited copy is in {name}{BACKUP_SUFFIX}" if current is not None else "forced",
                )
            )
        else:
            why = "deleted by hand after import" if current is None else "edited by hand after import"
            self.report.kept.append(
                Outcome(origin, file, f"{why}; left as it is (--force re-imports it, keeping a backup)")
            )
            return False
        self.manifest.record(name, self._entry(item, rendered))
        self._wrote(placed)
        self.last_written = max(self.last_written, placed[1])
        self._stamp(name, key, placed, True, clock)
        return True

    @staticmethod
    def _entry(item: ToParse, rendered: Rendered) -> Entry:
        draft = rendered.reason if rendered.status is Status.DRAFT else None
        return Entry(item.key, rendered.digest, rendered.raw, draft, list(rendered.warnings))

    @staticmethod
    def _place(file: str, rendered: Rendered) -> FileStat:
        """Put the brief in place: the temporary file its parser wrote, if it wrote one; its size, time and inode."""
        if rendered.temporary is None:
            return file_stat(write_atomic(Path(file), rendered.data))
        put_in_place(rendered.temporary, file)
        return rendered.written

    def _wrote(self, written: FileStat) -> None:
        self.clock = max(self.clock, written[1])

    def _new_name(self, rendered: Rendered, key: str) -> str:
        base = rendered.slug
        for number in itertools.count(1):
            slug = base if number == 1 else f"{base}-{number}"
            if slug not in self.taken:
                break
            # A file that already holds exactly this page (its record was lost) is adopted.
            candidate = self.folder / f"{slug}.md"
            if (
                slug + ".md" not in self.manifest.entries
                and candidate.is_file()
                and _holds(candidate.read_bytes(), rendered)
            ):
                break
        self.taken.add(slug)
        return slug + ".md"


def _stem(name: str) -> str:
    """``os.path.splitext(name)[0]``, at a tenth of the cost for the usual brief's name, ``slug.md``."""
    if name.endswith(".md") and name[-4:-3] not in ("", ".", "/"):
        return name[:-3]
    return os.path.splitext(name)[0]


def _holds(current: bytes | None, rendered: Rendered) -> bool:
    """Whether a file's bytes are the brief's, held in ``rendered`` or, once in a temporary file, known by digest."""
    if current is None:
        return False
    return current == rendered.data if rendered.data is not None else sha256(current) == rendered.digest
