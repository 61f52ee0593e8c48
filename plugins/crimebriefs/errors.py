"""The exceptions crimebriefs raises, each saying who raises it and why."""


class CrimeBriefsError(Exception):
    """Base of every error crimebriefs raises on purpose."""


class ReadError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.read` when a dump file cannot be read as a page."""

    def __init__(self, origin: str, reason: str, *, unreadable: bool = False):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
        self.unreadable = unreadable
        """True when the file could not be read at all (missing, a folder, no permission)."""


class ConfigError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.settings` when a ``CRIMEBRIEFS_*`` setting makes no sense."""


class ImportLockedError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.importer` when another import holds the briefs folder."""


class AttributionError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.plugin` in a build that enforces attribution, when a brief
    cannot carry its attribution or a built page misses part of it."""


class AuditError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.audit` when an output folder has no readable attribution manifest."""


class FrontMatterError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.front_matter` when a brief's header cannot be read at all."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class ScaffoldError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.scaffold` when a new brief cannot be created as asked."""


class SearchIndexError(CrimeBriefsError):
    """Raised by :mod:`crimebriefs.search_index` when Pagefind cannot index the built site."""
