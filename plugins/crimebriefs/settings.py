"""The plugin's settings: ``CRIMEBRIEFS_*`` keys with their defaults, checked once at start."""

import re
from dataclasses import dataclass
from pathlib import Path

from crimebriefs.errors import ConfigError

DEFAULTS = {
    "CRIMEBRIEFS_IMPORT": True,
    # Run the import of the raw dump at the start of every ``pelican content``.
    "CRIMEBRIEFS_RAW_PATH": "raw",
    # The dump folder, relative to PATH (the content folder).
    "CRIMEBRIEFS_BRIEFS_PATH": "briefs",
    # Where the import writes briefs, relative to PATH; keep it in ARTICLE_PATHS.
    "CRIMEBRIEFS_NOJEKYLL": False,
    # Write an empty .nojekyll at the root of the output, so GitHub Pages serves every file as it is.
    "CRIMEBRIEFS_CNAME": "",
    # A custom domain (briefs.example.org) to write into a CNAME file at the root of the output; "" writes none.
}

# A host name: dot-separated labels of letters, digits and inner hyphens, ending in a top-level domain.
DOMAIN = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]", re.I)


@dataclass(frozen=True)
class PluginSettings:
    """The settings, resolved and checked."""

    run_import: bool
    raw_dir: Path
    briefs_dir: Path
    nojekyll: bool
    cname: str


def plugin_settings(settings: dict) -> PluginSettings:
    """Overlay the user's ``CRIMEBRIEFS_*`` settings on the defaults and check them."""
    merged = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("CRIMEBRIEFS_")}}
    unknown = sorted(set(merged) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]}; expected one of: {', '.join(sorted(DEFAULTS))}")
    for key in ("CRIMEBRIEFS_IMPORT", "CRIMEBRIEFS_NOJEKYLL"):
        if not isinstance(merged[key], bool):
            raise ConfigError(f"{key} must be True or False, not {merged[key]!r}")
    for key in ("CRIMEBRIEFS_RAW_PATH", "CRIMEBRIEFS_BRIEFS_PATH"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            raise ConfigError(f"{key} must be a folder name relative to PATH, not {merged[key]!r}")
    cname = merged["CRIMEBRIEFS_CNAME"]
    if not isinstance(cname, str) or (cname and not DOMAIN.fullmatch(cname)):
        raise ConfigError(f"CRIMEBRIEFS_CNAME must be a bare domain such as briefs.example.org, not {cname!r}")
    content = Path(settings["PATH"])
    return PluginSettings(
        run_import=merged["CRIMEBRIEFS_IMPORT"],
        raw_dir=content / merged["CRIMEBRIEFS_RAW_PATH"],
        briefs_dir=content / merged["CRIMEBRIEFS_BRIEFS_PATH"],
        nojekyll=merged["CRIMEBRIEFS_NOJEKYLL"],
        cname=cname.lower(),
    )
