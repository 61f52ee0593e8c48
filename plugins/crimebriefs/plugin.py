"""The Pelican signal handlers."""

import logging
from pathlib import Path

from pelican.log import console

from crimebriefs.importer import import_dump
from crimebriefs.read import dump_files
from crimebriefs.reader import BriefReader
from crimebriefs.settings import plugin_settings
from crimebriefs.validate import Severity, check_briefs, plural, rules_from, tally

logger = logging.getLogger(__name__)


def import_raw_dump(pelican) -> None:
    """``initialized``: check the settings, then import the raw dump before content is read."""
    settings = plugin_settings(pelican.settings)
    if not settings.run_import or not settings.raw_dir.is_dir() or next(dump_files(settings.raw_dir), None) is None:
        return
    report = import_dump(settings.raw_dir, settings.briefs_dir)
    counts, *details = report.lines()
    # Printed like Pelican's own "Done:" line; the page-by-page details go to the log.
    raw, briefs = shown(settings.raw_dir), shown(settings.briefs_dir)
    console.print(f"crimebriefs import {raw} → {briefs}: {counts}", markup=False, highlight=False, soft_wrap=True)
    for line in details:
        level = (
            logging.ERROR
            if line.startswith("error:")
            else logging.WARNING
            if line.startswith(("kept:", "warning:"))
            else logging.INFO
        )
        logger.log(level, "crimebriefs %s", line)


def check_briefs_folder(generator) -> None:
    """``article_generator_init``: before any brief is read, report each problem on one line.

    It runs at the start of every build (again on each rebuild of ``pelican -r``), after the import.
    """
    settings = plugin_settings(generator.settings)
    if not settings.briefs_dir.is_dir():
        return
    briefs = Path(shown(settings.briefs_dir))
    problems = check_briefs([briefs], briefs, rules_from(generator.settings))
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
        console.print(f"crimebriefs check {briefs}: {tally(problems)}{left_out}", markup=False, highlight=False)
    if errors and settings.strict:
        files = len({problem.path for problem in errors})
        # An exception would reach Pelican's handler, which prints a traceback under the message;
        # the problems are already listed, so end the build with a plain line instead.
        raise SystemExit(
            f"crimebriefs: {plural(len(errors), 'error')} in {plural(files, 'brief')}, listed above; "
            "nothing was built (crimebriefs check lists them without building)"
        )


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
