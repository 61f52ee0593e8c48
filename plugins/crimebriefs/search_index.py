"""The search index: Pagefind over the bodies of the published briefs, made while Pelican writes the pages.

Once the briefs are read, their records (see :mod:`crimebriefs.search_records`) go to a file and a
process of its own (:mod:`crimebriefs.pagefind_indexer`) indexes them, on another core, while
Pelican renders the site. At the end of the build its bundle replaces ``OUTPUT_PATH/pagefind/``
whole, one index per language; the search page loads it from there, on any static host. When
the records are those of the bundle already in the output, nothing is indexed.
"""

import atexit
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from crimebriefs.addresses import url_and_file
from crimebriefs.errors import SearchIndexError
from crimebriefs.plugin import say, shown
from crimebriefs.search_records import SearchRecord, brief_record, write_records
from crimebriefs.settings import plugin_settings

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
DIGEST = "crimebriefs-records.sha256"
"""The file in the bundle naming the records it was made of."""
PARTS = "crimebriefs-parts.json"
"""The file in the bundle listing its other parts, each a bundle of its own (see the indexer)."""
TIMEOUT = 900
"""Seconds the build waits for Pagefind after writing the pages (it is usually done before)."""
INDEXER = Path(__file__).with_name("pagefind_indexer.py")


# Direct templates our theme adds to Pelican's; another theme (``simple``, say) may lack them.
THEME_PAGES = ("search", "robots")


def drop_search_page(pelican) -> None:
    """``initialized``: with search turned off, no search page is written either; nor are pages the theme lacks."""
    settings = pelican.settings
    if not plugin_settings(settings).search:
        settings["SEARCH_SAVE_AS"] = ""
    folders = [Path(settings["THEME"]) / "templates", *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
    lacking = [
        name
        for name in THEME_PAGES
        if name in settings["DIRECT_TEMPLATES"]
        and not any(
            (folder / f"{name}{ext}").is_file() for folder in folders for ext in settings["TEMPLATE_EXTENSIONS"]
        )
    ]
    if lacking:
        logger.info("crimebriefs: the theme has no %s page; it is left out", ", ".join(lacking))
        settings["DIRECT_TEMPLATES"] = [name for name in settings["DIRECT_TEMPLATES"] if name not in lacking]


@dataclass
class Indexing:
    """One build's index, from its records to the swap of the bundle."""

    output: Path
    records: list[SearchRecord]
    """Until they are written to the records file."""
    count: int
    """How many briefs the index holds."""
    part: int
    """How many briefs each part of the index holds at most."""
    work: Path | None = None
    """A temporary folder for the records file and the indexer's messages."""
    process: subprocess.Popen | None = None
    unchanged: bool = False
    failure: str | None = None
    owner: int = field(default_factory=os.getpid)
    digest: str | None = None
    """Of all the records, once they are written."""
    ahead: object | None = None
    """The generator whose briefs, read ahead, gave the records, when they are not yet those of the briefs as read."""
    early: "Indexing | None" = None
    """The index started from the records read ahead, until the records of the briefs as read are compared with them."""

    @property
    def fresh(self) -> Path:
        return self.output / f".{BUNDLE}-new"

    def stop(self) -> None:
        """End the indexer if it still runs, and remove what it left half-made."""
        if self.early is not None:
            self.early.stop()
            self.early = None
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            shutil.rmtree(self.fresh, ignore_errors=True)
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)


_indexing: dict[Path, Indexing] = {}
"""Output folder → its index in progress, from the briefs' reading to the end of the build."""


def start_early(generator, records: list[SearchRecord]) -> None:
    """``article_generator_init``, once the briefs are read ahead: start indexing the records they told.

    Pelican then reads the briefs one by one in its own process, and the index takes the other
    core meanwhile. :func:`start_index` keeps it if the briefs as read have the same records.
    """
    if not plugin_settings(generator.settings).search or not records:
        return
    output = Path(generator.output_path).resolve()
    if (previous := _indexing.pop(output, None)) is not None:
        previous.stop()  # a build that failed before its end, in the same process (pelican -r)
    records = sorted(records, key=lambda record: record.url)
    indexing = Indexing(output, records, len(records), plugin_settings(generator.settings).search_part)
    indexing.ahead = generator
    _indexing[output] = indexing
    launch(indexing, write_parts(indexing))


def collect_records(generator) -> None:
    """``article_generator_finalized``, before the attribution goes in: the records of the published briefs."""
    if not plugin_settings(generator.settings).search:
        return
    output = Path(generator.output_path).resolve()
    early = _indexing.pop(output, None)
    if early is not None and early.ahead is not generator:
        early.stop()  # a build that failed before its end, in the same process (pelican -r)
        early = None
    default_lang = generator.settings["DEFAULT_LANG"]
    addressed = ((article, url_and_file(article)) for article in chain(generator.articles, generator.translations))
    records = sorted(
        (brief_record(article, default_lang, url) for article, (url, save_as) in addressed if save_as),
        key=lambda record: record.url,
    )
    part = plugin_settings(generator.settings).search_part
    _indexing[output] = Indexing(output, records, len(records), part, early=early)


def start_index(generator) -> None:
    """``article_generator_finalized``, last: start indexing the records, unless the bundle holds them already.

    The index started early from the records read ahead goes on when they were these records.
    """
    indexing = _indexing.get(Path(generator.output_path).resolve())
    if indexing is None:
        return
    early, indexing.early = indexing.early, None
    if not indexing.count:
        if early is not None:
            early.stop()
        return
    if early is not None and early.failure is None and early.digest == write_parts(indexing, written=False):
        indexing.work, indexing.process, indexing.unchanged = early.work, early.process, early.unchanged
        indexing.records, indexing.digest = [], early.digest
        logger.debug("crimebriefs search: the briefs as read are those read ahead; their index goes on")
        return
    if early is not None:
        logger.debug("crimebriefs search: the briefs as read differ from those read ahead; indexing them again")
        early.stop()
    launch(indexing, write_parts(indexing))


def write_parts(indexing: Indexing, written: bool = True) -> str:
    """Write the records, part by part, into a new work folder (if ``written``); return the digest of them all."""
    if written:
        indexing.work = Path(tempfile.mkdtemp(prefix="crimebriefs-search-"))
    parts = []
    for number, records in enumerate(partition(indexing.records, indexing.part), 1):
        name = f"records-{number}.jsonl"
        digest = write_records(records, indexing.work / name if written else None)
        parts.append({"path": f"parts/{number}/", "records": name, "digest": digest})
    digest = hashlib.sha256(json.dumps([part["digest"] for part in parts]).encode()).hexdigest()
    if written:
        (indexing.work / PARTS).write_text(json.dumps(parts), encoding="utf-8")
        indexing.records = []
        indexing.digest = digest
    return digest


def launch(indexing: Indexing, digest: str) -> None:
    """Start the indexer on the parts written, unless the bundle in the output holds them already."""
    bundle = indexing.output / BUNDLE
    if (bundle / PARTS).is_file() and read_text(bundle / DIGEST) == digest:
        indexing.unchanged = True
        return
    shutil.rmtree(indexing.fresh, ignore_errors=True)
    (indexing.work / DIGEST).write_text(digest, encoding="utf-8")
    # -P: the indexer's folder stays off the module path, where its neighbours could shadow the standard library.
    command = [sys.executable, "-P", str(INDEXER), str(indexing.work), str(indexing.fresh), str(bundle)]
    try:
        with (indexing.work / "messages.txt").open("wb") as messages:
            indexing.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=messages, stderr=messages)
    except OSError as error:
        indexing.failure = f"could not start Pagefind: {error}"


def partition(records: list[SearchRecord], size: int) -> list[list[SearchRecord]]:
    """The records in parts of about ``size``, each brief in a part chosen by its URL alone.

    A brief stays in its part from build to build (until the number of parts changes), so an
    edit changes one part, and only that part is indexed again.
    """
    count = max(1, -(-len(records) // size))
    parts: list[list[SearchRecord]] = [[] for _ in range(count)]
    for record in records:
        parts[int(hashlib.sha256(record.url.encode("utf-8")).hexdigest(), 16) % count].append(record)
    return [part for part in parts if part]


def index_built_site(pelican) -> None:
    """``finalized``: swap in the index made meanwhile; a failure is logged and the site stays usable."""
    if not plugin_settings(pelican.settings).search:
        return
    output = Path(pelican.output_path)
    indexing = _indexing.pop(output.resolve(), None)
    if indexing is None or not indexing.count:
        # Pagefind refuses to make an empty index; a site without briefs has nothing to search yet.
        say(f"crimebriefs search: no briefs to index in {shown(output)}")
        return
    try:
        counts = finish(indexing, output)
    except SearchIndexError as error:
        # The message names the folder and Pagefind's own words; a traceback would only bury them.
        logger.error("crimebriefs search: %s", error)  # noqa: TRY400
        return
    finally:
        indexing.stop()
    summary = ", ".join(f"{count} in {lang}" for lang, count in sorted(counts.items()))
    kept = " (unchanged since the last build)" if indexing.unchanged else ""
    say(f"crimebriefs search: indexed {summary} → {shown(output / BUNDLE)}{kept}")


def finish(indexing: Indexing, output: Path) -> dict[str, int]:
    """Wait for the indexer and swap its bundle in whole; return the number of briefs per language.

    A failed run leaves the previous index in place.
    """
    bundle, fresh, stale = output / BUNDLE, indexing.fresh, output / f".{BUNDLE}-old"
    if not indexing.unchanged:
        if indexing.failure is None:
            waiting = time.perf_counter()
            try:
                indexing.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                indexing.failure = f"Pagefind took over {TIMEOUT} s"
            logger.debug(
                "crimebriefs search: the pages written, Pagefind took %.2f s more", time.perf_counter() - waiting
            )
        if indexing.failure is None and (indexing.process.returncode != 0 or not (fresh / PARTS).is_file()):
            said = (indexing.work / "messages.txt").read_text(encoding="utf-8", errors="replace")
            indexing.failure = pagefind_error(said) or f"exit status {indexing.process.returncode}"
        if indexing.failure is not None:
            raise SearchIndexError(f"Pagefind could not index {output}: {indexing.failure}")
        shutil.copyfile(indexing.work / DIGEST, fresh / DIGEST)
        shutil.rmtree(stale, ignore_errors=True)
        if bundle.exists():
            bundle.rename(stale)
        fresh.rename(bundle)
        shutil.rmtree(stale, ignore_errors=True)
    counts: dict[str, int] = {}
    for part in json.loads((bundle / PARTS).read_text(encoding="utf-8")):
        entry = json.loads((bundle / part["path"] / "pagefind-entry.json").read_text(encoding="utf-8"))
        for lang, info in entry.get("languages", {}).items():
            counts[lang] = counts.get(lang, 0) + info["page_count"]
    return counts


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def pagefind_error(stderr: str) -> str:
    """Pagefind's own ``Error:`` lines, once each; else the last line (a crash's exception)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = dict.fromkeys(line for line in lines if line.startswith("Error:"))
    return " ".join(errors) if errors else (lines[-1] if lines else "")


@atexit.register
def _stop_unfinished() -> None:
    """A build that stops before its end leaves no indexer running, nor half a bundle."""
    for indexing in _indexing.values():
        if indexing.owner == os.getpid():  # not in a process forked from the build's
            indexing.stop()
