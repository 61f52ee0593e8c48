"""What the theme's templates can call, beside Pelican's own context; and their compiled code, kept."""

import hashlib
import os

import jinja2

from crimebriefs.by_identity import ByIdentity
from crimebriefs.charts import briefs_per_year, year_chart
from crimebriefs.interface import long_date, words
from crimebriefs.listings import busiest_first, by_name, latest
from crimebriefs.settings import plugin_settings

MADE_AT_MOST = 50_000
"""Pieces of pages remembered at once: a few for each brief of a large site."""

_made = ByIdentity(MADE_AT_MOST)

COMPILED_FOLDER = "crimebriefs-templates"
"""In Pelican's cache folder: the templates' compiled code, for builds with Pelican's content cache."""
COMPILING_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                     "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                     "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                     "autoescape", "finalize", "is_async")  # fmt: skip
"""What a template's compiled code depends on, besides its source and Jinja's version."""


def remembered(subject, *key, caller) -> str:
    """What the ``{% call %}`` block makes for ``subject`` and ``key``, made once in a build.

    A brief's card shows on a dozen pages, the same on each.
    """
    return _made.get(subject, key, caller)


def add_template_helpers(generator) -> None:
    """``generator_init``: give every generator's templates the plugin's settings and helpers."""
    _made.clear()  # a new build: its briefs are new objects, perhaps with new words
    generator.env.globals.update(
        crimebriefs=plugin_settings(generator.settings),
        words=words,
        year_chart=year_chart,
        briefs_per_year=briefs_per_year,
        busiest_first=busiest_first,
        by_name=by_name,
        latest=latest,
        remembered=remembered,
    )
    generator.env.filters["long_date"] = long_date
    settings = generator.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        # Each of Pelican's generators compiles every template it uses, at every build.
        generator.env.bytecode_cache = compiled_templates(generator.env, settings["CACHE_PATH"])


def compiled_templates(env: jinja2.Environment, cache_path: str) -> jinja2.FileSystemBytecodeCache:
    """A store of compiled templates for environments set up as ``env`` is (Jinja checks each one's source)."""
    setup = [
        jinja2.__version__,
        *sorted(f"{type(e).__module__}.{type(e).__qualname__}" for e in env.extensions.values()),
    ]
    # An option whose text holds an address (a function of the site's) makes a folder of its own for one build.
    setup += [f"{name}={getattr(env, name, None)!r}" for name in COMPILING_OPTIONS]
    folder = os.path.join(cache_path, COMPILED_FOLDER, hashlib.sha256("\n".join(setup).encode()).hexdigest()[:16])
    os.makedirs(folder, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(folder)
