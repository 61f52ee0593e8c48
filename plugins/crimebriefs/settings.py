"""The plugin's settings: ``CRIMEBRIEFS_*`` keys with their defaults, checked once at start."""

from dataclasses import dataclass
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG, read_settings

from crimebriefs.errors import ConfigError
from crimebriefs.parse import SUMMARY_LENGTH

DEFAULTS = {
    "CRIMEBRIEFS_IMPORT": True,
    # Run the import of the raw dump at the start of every ``pelican content``.
    "CRIMEBRIEFS_RAW_PATH": "raw",
    # The dump folder, relative to PATH (the content folder).
    "CRIMEBRIEFS_BRIEFS_PATH": "briefs",
    # Where the import writes briefs, relative to PATH; keep it in ARTICLE_PATHS.
    "CRIMEBRIEFS_LANGUAGES": ("en", "es"),
    # The languages a brief's ``lang`` may name.
    "CRIMEBRIEFS_SUMMARY_LENGTH": SUMMARY_LENGTH,
    # The longest ``summary`` a brief may have, in characters; longer ones are warned about.
    "CRIMEBRIEFS_STRICT": False,
    # Stop the build when a brief has errors (publishconf.py turns it on); otherwise they are skipped.
}


@dataclass(frozen=True)
class PluginSettings:
    """The settings, resolved and checked."""

    run_import: bool
    raw_dir: Path
    briefs_dir: Path
    languages: tuple[str, ...]
    summary_length: int
    strict: bool


def plugin_settings(settings: dict) -> PluginSettings:
    """Overlay the user's ``CRIMEBRIEFS_*`` settings on the defaults and check them."""
    merged = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("CRIMEBRIEFS_")}}
    unknown = sorted(set(merged) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]}; expected one of: {', '.join(sorted(DEFAULTS))}")
    for key in ("CRIMEBRIEFS_IMPORT", "CRIMEBRIEFS_STRICT"):
        if not isinstance(merged[key], bool):
            raise ConfigError(f"{key} must be True or False, not {merged[key]!r}")
    for key in ("CRIMEBRIEFS_RAW_PATH", "CRIMEBRIEFS_BRIEFS_PATH"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            raise ConfigError(f"{key} must be a folder name relative to PATH, not {merged[key]!r}")
    languages = merged["CRIMEBRIEFS_LANGUAGES"]
    if isinstance(languages, str) or not languages or not all(isinstance(code, str) and code for code in languages):
        raise ConfigError(f'CRIMEBRIEFS_LANGUAGES must list language codes, like ("en", "es"), not {languages!r}')
    length = merged["CRIMEBRIEFS_SUMMARY_LENGTH"]
    if isinstance(length, bool) or not isinstance(length, int) or length < 1:
        raise ConfigError(f"CRIMEBRIEFS_SUMMARY_LENGTH must be a number of characters, not {length!r}")
    content = Path(settings["PATH"])
    return PluginSettings(
        run_import=merged["CRIMEBRIEFS_IMPORT"],
        raw_dir=content / merged["CRIMEBRIEFS_RAW_PATH"],
        briefs_dir=content / merged["CRIMEBRIEFS_BRIEFS_PATH"],
        languages=tuple(languages),
        summary_length=length,
        strict=merged["CRIMEBRIEFS_STRICT"],
    )


def site_settings(path: Path | None = None) -> dict:
    """The site's settings for the command line: ``path``, else ``pelicanconf.py`` here, else Pelican's defaults."""
    if path is None:
        path = Path("pelicanconf.py")
        if not path.is_file():
            return {**DEFAULT_CONFIG, "PATH": str(Path("content").resolve())}
    if not path.is_file():
        raise ConfigError(f"{path}: no such settings file")
    try:
        return read_settings(str(path))
    except Exception as exc:  # the file is the user's Python: whatever it raises is a settings error
        raise ConfigError(f"{path}: {exc}") from exc
