"""The Pelican signal handlers."""

import logging
import os
from itertools import chain
from pathlib import Path

from pelican.log import console
from pelican.utils import file_suffix, truncate_html_paragraphs, truncate_html_words

from crimebriefs import audit, navigation
from crimebriefs.addresses import url_and_file
from crimebriefs.attribution import Attribution, bottom_html, resolve, top_html
from crimebriefs.errors import AttributionError
from crimebriefs.file_stamps import holds, remember_stamps
from crimebriefs.importer import ImportReport, import_dump
from crimebriefs.json_ld import news_article
from crimebriefs.kept_checks import KeptChecks
from crimebriefs.read import dump_files
from crimebriefs.reader import BriefReader
from crimebriefs.search_records import SearchRecord, cached_record
from crimebriefs.settings import plugin_settings
from crimebriefs.validate import Severity, check_briefs, plural, rules_from, tally

logger = logging.getLogger(__name__)


def import_raw_dump(pelican) -> ImportReport | None:
    """``initialized``: check the settings, then import the raw dump before content is read.

    Returns the report, or None when there was nothing to import; the preview server calls it
    again before a rebuild when the dump changes.
    """
    settings = plugin_settings(pelican.settings)
    if not settings.run_import or not settings.raw_dir.is_dir() or next(dump_files(settings.raw_dir), None) is None:
        return None
    report = import_dump(settings.raw_dir, settings.briefs_dir)
    counts, *details = report.lines()
    # The page-by-page details go to the log.
    raw, briefs = shown(settings.raw_dir), shown(settings.briefs_dir)
    say(f"crimebriefs import {raw} → {briefs}: {counts}")
    for line in details:
        level = (
            logging.ERROR
            if line.startswith("error:")
            else logging.WARNING
            if line.startswith(("kept:", "warning:"))
            else logging.INFO
        )
        logger.log(level, "crimebriefs %s", line)
    return report


def say(line: str) -> None:
    """Print a summary line like Pelican's own "Done:" line, as plain text."""
    console.print(line, markup=False, highlight=False, soft_wrap=True)


def check_briefs_folder(generator) -> None:
    """Before any brief is read, report each problem on one line.

    It runs at the start of every build (again on each rebuild of ``pelican -r``), after the import.
    """
    settings = plugin_settings(generator.settings)
    if not settings.briefs_dir.is_dir():
        return
    briefs = Path(shown(settings.briefs_dir))
    remember_stamps([generator, generator.readers])  # the check's stamps serve Pelican's caches too
    kept = KeptChecks.for_build(generator.settings, generator.readers._get_file_stamp)
    problems = check_briefs([briefs], briefs, rules_from(generator.settings), settings.processes, kept)
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    rejected = frozenset(problem.path.resolve() for problem in errors)
    for reader in generator.readers.readers.values():
        if isinstance(reader, BriefReader):
            reader.rejected = rejected
    for problem in problems:
        if problem.severity is not Severity.NOTE:  # drafts are noted by the reader, at INFO
            level = logging.ERROR if problem.severity is Severity.ERROR else logging.WARNING
            logger.log(level, "%s", problem.unlabelled())
    if any(problem.severity is not Severity.NOTE for problem in problems):
        left_out = "; briefs with errors are left out of the site" if errors else ""
        say(f"crimebriefs check {briefs}: {tally(problems)}{left_out}")
    if errors and settings.strict:
        files = len({problem.path for problem in errors})
        # An exception would reach Pelican's handler, which prints a traceback under the message;
        # the problems are already listed, so end the build with a plain line instead.
        raise SystemExit(
            f"crimebriefs: {plural(len(errors), 'error')} in {plural(files, 'brief')}, listed above; "
            "nothing was built (crimebriefs check lists them without building)"
        )


def read_ahead(generator) -> list[SearchRecord] | None:
    """Have the brief reader turn the briefs Pelican is about to read into HTML, on every core at once.

    Briefs with errors are left to be skipped, and those in Pelican's content cache to be taken
    from it. Returns the search records of the briefs, when the front matter of every article
    Pelican will read, read ahead or held in its readers' cache, told its record.
    """
    settings = generator.settings
    readers = generator.readers
    stamps = remember_stamps([generator, readers])
    records: list[SearchRecord] | None = []
    # Every brief reader is prepared, with nothing when it has nothing to read: none keeps a last build's briefs.
    by_reader = {id(r): (r, []) for r in readers.readers.values() if isinstance(r, BriefReader)}
    for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]):
        path = os.path.abspath(os.path.join(generator.path, name))
        reader = readers.readers.get(file_suffix(path))
        if not isinstance(reader, BriefReader):
            records = None  # another reader's article: its record is not known before Pelican reads it
        elif Path(path).resolve() not in reader.rejected:
            if not holds(readers, path) and not holds(generator, name):
                by_reader[id(reader)][1].append(path)
            elif records is not None:
                # Taken from the cache: its record is told from what the cache holds, when it holds it.
                told = cached_record(path, readers.get_cached_data(path, None), settings)
                if told is None:
                    records = None
                else:
                    records.extend(told)
    for reader, paths in by_reader.values():
        reader.prepare(paths, plugin_settings(settings).processes)
        stamps.update(reader.stamps)
        if records is not None and reader.records is not None:
            records.extend(reader.records)
        else:
            records = None
    return records


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def attribute_articles(generator) -> None:
    """``article_generator_finalized``: put each brief's attribution into it, before anything is written.

    Every problem of every brief is reported before the build stops (enforced) or goes on (warned),
    and the manifest the audit reads is written for the pages to come.
    """
    settings = plugin_settings(generator.settings).attribution
    content = shown(Path(generator.path))
    problems, expected = [], []
    # Blocks found by the readers of this build and by the last build, by the digest of the body.
    known_ends: dict = audit.known_ends(Path(generator.output_path))
    for reader in generator.readers.readers.values():
        if isinstance(reader, BriefReader):
            known_ends.update(reader.body_ends)
            reader.body_ends = {}
    for article in chain(generator.articles, generator.translations, generator.hidden_articles,
                         generator.hidden_translations, generator.drafts, generator.drafts_translations):  # fmt: skip
        attribution, issues = resolve(article.metadata, article.lang, settings)
        # A draft is not part of the site: its problems wait until it is published.
        if article.status != "draft":
            file = f"{content}/{article.relative_source_path}"
            problems.extend(f"{file}: {issue}" for issue in issues)
            if attribution.original is not None and url_and_file(article)[1]:
                expected.append(expectation(article, attribution, file, known_ends))
        insert_attribution(article, attribution)
        article.attribution = attribution
        article.json_ld = news_article(article, attribution, generator.settings)
    if problems and settings.enforce:
        for problem in problems:
            logger.error("crimebriefs attribution: %s", problem)
        count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
        raise AttributionError(
            f"{count} with the attribution of republished briefs (listed above); the site was not built"
        )
    for problem in problems:
        logger.warning("crimebriefs attribution: %s", problem)
    audit.write_manifest(Path(generator.output_path), expected)


def expectation(article, attribution: Attribution, file: str, known_ends: dict) -> audit.Expected:
    """What the audit must find on the article's page; read before the attribution goes in."""
    body = audit.body_digest(article._content)
    ends = known_ends.get(body)
    first, last = audit.body_ends(article._content) if ends is None else ends
    return audit.Expected(
        page=url_and_file(article)[1],
        file=file,
        original=attribution.original,
        byline=attribution.byline,
        license=attribution.license,
        license_url=attribution.license_url,
        notice=attribution.notice,
        first=first,
        last=last,
        body=body,
    )


def insert_attribution(article, attribution: Attribution) -> None:
    """The attribution blocks go into the article's own HTML, so that every theme shows them."""
    if "summary" not in article.metadata:
        # Pelican would cut the summary from the content, credit line first; cut it from the body instead.
        article.metadata["summary"] = article._summary = default_summary(article._content, article.settings)
    top = f"{top_html(attribution)}\n" if attribution.republished else ""
    article._content = f"{top}{article._content}\n{bottom_html(attribution)}"


def default_summary(html: str, settings: dict) -> str:
    """The summary Pelican makes of an article without one."""
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        html = truncate_html_paragraphs(html, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is None:
        return html
    return truncate_html_words(html, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"])


def audit_output(pelican) -> None:
    """``finalized``: audit the pages just written; a miss stops an enforcing build."""
    settings = plugin_settings(pelican.settings).attribution
    output = Path(shown(Path(pelican.settings["OUTPUT_PATH"])))
    report = audit.audit(output)
    if not report.checked:
        return
    summary, *failures = report.lines()
    say(f"crimebriefs audit {output}: {summary}")
    level = logging.ERROR if settings.enforce else logging.WARNING
    for line in failures:
        logger.log(level, "crimebriefs audit: %s", line)
    if failures and settings.enforce:
        raise AttributionError(f"{len(failures)} of {report.checked} republished pages miss their attribution")


def link_briefs(generator) -> None:
    """``article_generator_finalized``: older and newer brief in each topic, and related briefs."""
    navigation.link_briefs(generator.articles, plugin_settings(generator.settings).related)


def fix_urls(generators) -> None:
    """``all_generators_finalized``: every URL is final; work each out once, not on every page that links to it.

    Pelican formats an article's URL from its settings and metadata each time a template asks
    for it, and a site of thousands of briefs asks hundreds of thousands of times. An
    ``override_url`` is Pelican's own way to give a content object its URL.
    """
    for generator in generators:
        for name in ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                     "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations"):  # fmt: skip
            for content in getattr(generator, name, ()):
                if not hasattr(content, "override_url"):
                    content.override_url = url_and_file(content)[0]
