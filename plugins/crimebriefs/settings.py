"""The plugin's settings: ``CRIMEBRIEFS_*`` keys with their defaults, checked once at start."""

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
    "CRIMEBRIEFS_SEARCH": True,
    # Index the built briefs with Pagefind at the end of ``pelican content``, for the search page.
    "CRIMEBRIEFS_RELATED": 3,
    # How many related briefs (same topic or tags) a brief page lists; 0 lists none.
}


@dataclass(frozen=True)
class PluginSettings:
    """The settings, resolved and checked."""

    run_import: bool
    raw_dir: Path
    briefs_dir: Path
    search: bool
    related: int


def plugin_settings(settings: dict) -> PluginSettings:
    """Overlay the user's ``CRIMEBRIEFS_*`` settings on the defaults and check them."""
    merged = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("CRIMEBRIEFS_")}}
    unknown = sorted(set(merged) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]}; expected one of: {', '.join(sorted(DEFAULTS))}")
    for key in ("CRIMEBRIEFS_IMPORT", "CRIMEBRIEFS_SEARCH"):
        if not isinstance(merged[key], bool):
            raise ConfigError(f"{key} must be True or False, not {merged[key]!r}")
    related = merged["CRIMEBRIEFS_RELATED"]
    if isinstance(related, bool) or not isinstance(related, int) or related < 0:
        raise ConfigError(f"CRIMEBRIEFS_RELATED must be a whole number, 0 or more, not {related!r}")
    for key in ("CRIMEBRIEFS_RAW_PATH", "CRIMEBRIEFS_BRIEFS_PATH"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            raise ConfigError(f"{key} must be a folder name relative to PATH, not {merged[key]!r}")
    content = Path(settings["PATH"])
    return PluginSettings(
        run_import=merged["CRIMEBRIEFS_IMPORT"],
        raw_dir=content / merged["CRIMEBRIEFS_RAW_PATH"],
        briefs_dir=content / merged["CRIMEBRIEFS_BRIEFS_PATH"],
        search=merged["CRIMEBRIEFS_SEARCH"],
        related=related,
    )
