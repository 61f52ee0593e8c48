"""The search index: Pagefind over the bodies of the built briefs, run at the end of ``pelican content``.

Pagefind reads the brief pages only (their ``data-pagefind-body``), one index per language, and
writes its bundle to ``OUTPUT_PATH/pagefind/``; the search page loads it from there, on any
static host.
"""

import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

from crimebriefs.errors import SearchIndexError
from crimebriefs.plugin import say, shown
from crimebriefs.settings import plugin_settings

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
TIMEOUT = 900
"""Seconds Pagefind may take before the build gives up on the index (it takes well under one)."""


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


def index_built_site(pelican) -> None:
    """``finalized``: index the briefs just written; a failure is logged and the site stays usable."""
    settings = pelican.settings
    if not plugin_settings(settings).search:
        return
    output = Path(pelican.output_path)
    patterns = brief_patterns(settings["ARTICLE_SAVE_AS"], settings["ARTICLE_LANG_SAVE_AS"])
    if not any(next(output.glob(pattern), None) for pattern in patterns):
        # Pagefind refuses to make an empty index; a site without briefs has nothing to search yet.
        say(f"crimebriefs search: no briefs to index in {shown(output)}")
        return
    try:
        counts = index_site(output, patterns)
    except SearchIndexError as error:
        # The message names the folder and Pagefind's own words; a traceback would only bury them.
        logger.error("crimebriefs search: %s", error)  # noqa: TRY400
        return
    summary = ", ".join(f"{count} in {lang}" for lang, count in sorted(counts.items()))
    say(f"crimebriefs search: indexed {summary} → {shown(output / BUNDLE)}")


def brief_patterns(*save_as: str) -> list[str]:
    """File patterns of the brief pages, from ``ARTICLE_SAVE_AS`` and ``ARTICLE_LANG_SAVE_AS``."""
    return sorted({re.sub(r"\{[^}]*\}", "*", pattern) for pattern in save_as if pattern})


def index_site(output: Path, patterns: list[str]) -> dict[str, int]:
    """Index the pages of ``output`` matching ``patterns``; return the number of pages per language.

    The new bundle is written beside the old one and swapped in whole, so a failed run leaves the
    previous index in place.
    """
    fresh, stale = output / f".{BUNDLE}-new", output / f".{BUNDLE}-old"
    shutil.rmtree(fresh, ignore_errors=True)
    glob = patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--glob", glob]
    command += ["--output-path", str(fresh), "--quiet"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"could not run Pagefind on {output}: {error}") from error
    if run.returncode != 0 or not (fresh / "pagefind-entry.json").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        detail = pagefind_error(run.stderr) or f"exit status {run.returncode}"
        raise SearchIndexError(f"Pagefind could not index {output}: {detail}")
    for line in run.stdout.splitlines():
        logger.debug("pagefind: %s", line)
    entry = json.loads((fresh / "pagefind-entry.json").read_text(encoding="utf-8"))
    bundle = output / BUNDLE
    shutil.rmtree(stale, ignore_errors=True)
    if bundle.exists():
        bundle.rename(stale)
    fresh.rename(bundle)
    shutil.rmtree(stale, ignore_errors=True)
    return {lang: info["page_count"] for lang, info in entry.get("languages", {}).items()}


def pagefind_error(stderr: str) -> str:
    """Pagefind's own ``Error:`` lines, once each; else the last line (a crash's exception)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = dict.fromkeys(line for line in lines if line.startswith("Error:"))
    return " ".join(errors) if errors else (lines[-1] if lines else "")
