"""The plugin's settings: ``CRIMEBRIEFS_*`` keys with their defaults, checked once at start."""

import re
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

from pelican.settings import DEFAULT_CONFIG, read_settings

from crimebriefs.attribution import PLACEHOLDERS, AttributionSettings, Wording
from crimebriefs.errors import ConfigError
from crimebriefs.licenses import deed_url
from crimebriefs.parallel import cores
from crimebriefs.parse import SUMMARY_LENGTH
from crimebriefs.read import is_url

DEFAULTS = {
    "CRIMEBRIEFS_IMPORT": True,
    # Run the import of the raw dump at the start of every ``pelican content``.
    "CRIMEBRIEFS_RAW_PATH": "raw",
    # The dump folder, relative to PATH (the content folder).
    "CRIMEBRIEFS_BRIEFS_PATH": "briefs",
    # Where the import writes briefs, relative to PATH; keep it in ARTICLE_PATHS.
    "CRIMEBRIEFS_PUBLISHER": "InSight Crime",
    # Who first published a republished brief (one with ``source``) whose front matter names no publisher.
    "CRIMEBRIEFS_PUBLISHER_URL": "https://insightcrime.org/",
    # That publisher's home page, for the page's structured data; None if it has none.
    "CRIMEBRIEFS_LICENSE": "CC BY-NC 4.0",
    # The licence of a republished brief whose front matter names none.
    "CRIMEBRIEFS_LICENSE_URL": "https://creativecommons.org/licenses/by-nc/4.0/",
    # Its deed; None finds the deed of a Creative Commons licence from its name.
    "CRIMEBRIEFS_SITE_LICENSE": "CC BY-NC 4.0",
    # The licence of the briefs your contributors write (no ``source``), unless their front matter names one.
    "CRIMEBRIEFS_SITE_LICENSE_URL": None,
    # Its deed; None finds it from a Creative Commons name, or shows the licence unlinked.
    "CRIMEBRIEFS_ATTRIBUTION_WORDING": {
        "en": {
            "by": "By {names}",
            "and": "and",
            "origin": "Originally published by {publisher}",
            "license": "Republished under the {license} license.",
            "own_license": "Published under the {license} license.",
            "noncommercial": "Reuse is for non-commercial purposes only.",
        },
        "es": {
            "by": "Por {names}",
            "and": "y",
            "origin": "Publicado originalmente por {publisher}",
            "license": "Reproducido bajo la licencia {license}.",
            "own_license": "Publicado bajo la licencia {license}.",
            "noncommercial": "Solo se permite su reutilización con fines no comerciales.",
        },
    },
    # The attribution's sentences per language; yours are laid over these, sentence by sentence.
    "CRIMEBRIEFS_ENFORCE_ATTRIBUTION": False,
    # True (as in publishconf.py): a brief that cannot carry its attribution, or a built page
    # that misses it, stops the build. False: each is a warning.
    "CRIMEBRIEFS_LANGUAGES": ("en", "es"),
    # The languages a brief's ``lang`` may name.
    "CRIMEBRIEFS_SUMMARY_LENGTH": SUMMARY_LENGTH,
    # The longest ``summary`` a brief may have, in characters; longer ones are warned about.
    "CRIMEBRIEFS_STRICT": False,
    # Stop the build when a brief has errors (publishconf.py turns it on); otherwise they are skipped.
    "CRIMEBRIEFS_SEARCH": True,
    # Index the briefs with Pagefind in every build, for the search page (it indexes while the pages are written).
    "CRIMEBRIEFS_SEARCH_PART": 500,
    # Briefs per part of the search index: Pagefind holds a part in memory (some 200 KB a brief) while it makes it.
    "CRIMEBRIEFS_RELATED": 3,
    # How many related briefs (same topic or tags) a brief page lists; 0 lists none.
    "CRIMEBRIEFS_NOJEKYLL": False,
    # Write an empty .nojekyll at the root of the output, so GitHub Pages serves every file as it is.
    "CRIMEBRIEFS_CNAME": "",
    # A custom domain (briefs.example.org) to write into a CNAME file at the root of the output; "" writes none.
    "CRIMEBRIEFS_PROCESSES": None,
    # How many processes read briefs and render pages at once; None: one per CPU core; 1: Pelican's process alone.
}

# A host name: dot-separated labels of letters, digits and inner hyphens, ending in a top-level domain.
DOMAIN = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]", re.I)


@dataclass(frozen=True)
class PluginSettings:
    """The settings, resolved and checked."""

    run_import: bool
    raw_dir: Path
    briefs_dir: Path
    attribution: AttributionSettings
    languages: tuple[str, ...]
    summary_length: int
    strict: bool
    search: bool
    related: int
    nojekyll: bool
    cname: str
    processes: int
    search_part: int


def plugin_settings(settings: dict) -> PluginSettings:
    """Overlay the user's ``CRIMEBRIEFS_*`` settings on the defaults and check them."""
    merged = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("CRIMEBRIEFS_")}}
    unknown = sorted(set(merged) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]}; expected one of: {', '.join(sorted(DEFAULTS))}")
    for key in ("CRIMEBRIEFS_IMPORT", "CRIMEBRIEFS_ENFORCE_ATTRIBUTION", "CRIMEBRIEFS_STRICT", "CRIMEBRIEFS_SEARCH",
                "CRIMEBRIEFS_NOJEKYLL"):  # fmt: skip
        if not isinstance(merged[key], bool):
            raise ConfigError(f"{key} must be True or False, not {merged[key]!r}")
    related = merged["CRIMEBRIEFS_RELATED"]
    if isinstance(related, bool) or not isinstance(related, int) or related < 0:
        raise ConfigError(f"CRIMEBRIEFS_RELATED must be a whole number, 0 or more, not {related!r}")
    for key in ("CRIMEBRIEFS_RAW_PATH", "CRIMEBRIEFS_BRIEFS_PATH"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            raise ConfigError(f"{key} must be a folder name relative to PATH, not {merged[key]!r}")
    languages = merged["CRIMEBRIEFS_LANGUAGES"]
    if isinstance(languages, str) or not languages or not all(isinstance(code, str) and code for code in languages):
        raise ConfigError(f'CRIMEBRIEFS_LANGUAGES must list language codes, like ("en", "es"), not {languages!r}')
    length = merged["CRIMEBRIEFS_SUMMARY_LENGTH"]
    if isinstance(length, bool) or not isinstance(length, int) or length < 1:
        raise ConfigError(f"CRIMEBRIEFS_SUMMARY_LENGTH must be a number of characters, not {length!r}")
    cname = merged["CRIMEBRIEFS_CNAME"]
    if not isinstance(cname, str) or (cname and not DOMAIN.fullmatch(cname)):
        raise ConfigError(f"CRIMEBRIEFS_CNAME must be a bare domain such as briefs.example.org, not {cname!r}")
    processes = merged["CRIMEBRIEFS_PROCESSES"]
    if processes is not None and (isinstance(processes, bool) or not isinstance(processes, int) or processes < 1):
        raise ConfigError(f"CRIMEBRIEFS_PROCESSES must be a number of processes, 1 or more, or None, not {processes!r}")
    part = merged["CRIMEBRIEFS_SEARCH_PART"]
    if isinstance(part, bool) or not isinstance(part, int) or part < 1:
        raise ConfigError(f"CRIMEBRIEFS_SEARCH_PART must be a number of briefs, 1 or more, not {part!r}")
    content = Path(settings["PATH"])
    return PluginSettings(
        run_import=merged["CRIMEBRIEFS_IMPORT"],
        raw_dir=content / merged["CRIMEBRIEFS_RAW_PATH"],
        briefs_dir=content / merged["CRIMEBRIEFS_BRIEFS_PATH"],
        languages=tuple(languages),
        summary_length=length,
        strict=merged["CRIMEBRIEFS_STRICT"],
        attribution=attribution_settings(merged, settings.get("DEFAULT_LANG") or "en"),
        search=merged["CRIMEBRIEFS_SEARCH"],
        related=related,
        nojekyll=merged["CRIMEBRIEFS_NOJEKYLL"],
        cname=cname.lower(),
        processes=processes or cores(),
        search_part=part,
    )


def attribution_settings(merged: dict, default_lang: str) -> AttributionSettings:
    for key in ("CRIMEBRIEFS_PUBLISHER", "CRIMEBRIEFS_LICENSE", "CRIMEBRIEFS_SITE_LICENSE"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            raise ConfigError(f"{key} must be a name, not {merged[key]!r}")
    license_url = _url(merged, "CRIMEBRIEFS_LICENSE_URL", "CRIMEBRIEFS_LICENSE")
    if license_url is None:
        raise ConfigError(
            f"CRIMEBRIEFS_LICENSE_URL is needed: {merged['CRIMEBRIEFS_LICENSE']!r} is not a Creative Commons "
            "licence name such as 'CC BY-NC 4.0', so its deed cannot be found"
        )
    return AttributionSettings(
        publisher=merged["CRIMEBRIEFS_PUBLISHER"].strip(),
        publisher_url=_url(merged, "CRIMEBRIEFS_PUBLISHER_URL"),
        license=merged["CRIMEBRIEFS_LICENSE"].strip(),
        license_url=license_url,
        site_license=merged["CRIMEBRIEFS_SITE_LICENSE"].strip(),
        site_license_url=_url(merged, "CRIMEBRIEFS_SITE_LICENSE_URL", "CRIMEBRIEFS_SITE_LICENSE"),
        wording=_wording(merged["CRIMEBRIEFS_ATTRIBUTION_WORDING"]),
        default_lang=default_lang,
        enforce=merged["CRIMEBRIEFS_ENFORCE_ATTRIBUTION"],
    )


def _url(merged: dict, key: str, license_key: str | None = None) -> str | None:
    """A URL setting; for a licence, checked against (or found from) the deed of the licence named."""
    url = merged[key]
    if url is not None and (not isinstance(url, str) or not is_url(url)):
        raise ConfigError(f"{key} must be an http(s) URL or None, not {url!r}")
    if license_key is None:
        return url
    name = merged[license_key].strip()
    deed = deed_url(name)
    if url is not None and deed is not None and url != deed:
        raise ConfigError(f"{key} {url!r} is not the deed of {license_key} {name!r}: use {deed!r} or None")
    return url or deed


def _wording(setting) -> dict[str, Wording]:
    if not isinstance(setting, dict):
        raise ConfigError(f"CRIMEBRIEFS_ATTRIBUTION_WORDING must map language codes to sentences, not {setting!r}")
    defaults = DEFAULTS["CRIMEBRIEFS_ATTRIBUTION_WORDING"]
    wording = {}
    for lang, sentences in {**defaults, **setting}.items():
        where = f"CRIMEBRIEFS_ATTRIBUTION_WORDING[{lang!r}]"
        if not isinstance(sentences, dict):
            raise ConfigError(f"{where} must map sentence names to text, not {sentences!r}")
        sentences = {**defaults.get(lang, {}), **sentences}
        expected = ", ".join(PLACEHOLDERS)
        if set(sentences) != set(PLACEHOLDERS):
            names = sorted(set(sentences) ^ set(PLACEHOLDERS))
            raise ConfigError(f"{where}: unknown or missing sentence {names[0]!r}; expected: {expected}")
        for name, text in sentences.items():
            _check_sentence(f"{where}[{name!r}]", text, PLACEHOLDERS[name])
        wording[lang] = Wording.from_setting(sentences)
    return wording


def _check_sentence(where: str, text, placeholders: tuple[str, ...]) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"{where} must be text, not {text!r}")
    try:
        used = {field for _, field, _, _ in Formatter().parse(text) if field is not None}
    except ValueError as exc:
        raise ConfigError(f"{where} {text!r}: {exc}; write a literal brace as {{{{ or }}}}") from exc
    wanted = {f"{{{name}}}" for name in placeholders}
    if used != set(placeholders):
        shown = ", ".join(sorted(wanted)) or "no {...} placeholder"
        raise ConfigError(f"{where} {text!r} must contain {shown}")


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
