"""What the check found in each brief, kept in Pelican's cache folder from one build to the next.

With Pelican's content cache on, a rebuild checks again only the briefs whose stamp (Pelican's
own, by ``CHECK_MODIFIED_METHOD``) changed since the last build; what involves several briefs
(a slug two briefs share, a topic's spelling) is worked out again from all of them. What else a
finding depends on (the plugin's code, Pelican's, the settings and the day, for dates to come)
makes the setup of the kept findings: when any of it changes, every brief is checked again.
"""

import datetime
import logging
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pelican

from crimebriefs.files import write_atomic
from crimebriefs.importer import code_digest
from crimebriefs.page_stamps import digest, settings_stamp
from crimebriefs.validate import Scan

logger = logging.getLogger(__name__)

KEPT_NAME = "crimebriefs-checks.pickle"
"""In the cache folder, beside Pelican's own (pickled too): the setup, and each brief's stamp and findings."""

Key = tuple[str, str, bool]
"""A brief's absolute path, its path as the findings name it, and whether its own problems were looked for."""


@dataclass
class KeptChecks:
    """The findings of the last build, and those of this one, each with the stamp of the file it was found in."""

    stamp: Callable[[str], object]
    """Pelican's stamp of a file, by its absolute path."""
    setup: str
    before: dict[Key, tuple[object, Scan]]
    file: Path | None
    """Where this build's findings are kept; None when Pelican's cache is not written."""
    now: dict[Key, tuple[object, Scan | None]] = field(default_factory=dict)

    @classmethod
    def for_build(cls, settings: dict, stamp: Callable[[str], object]) -> "KeptChecks | None":
        """The kept findings of a build with Pelican's content cache; None without it."""
        if not (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")):
            return None
        file = Path(settings["CACHE_PATH"]) / KEPT_NAME
        setup = digest((pelican.__version__, code_digest(), settings_stamp(settings), datetime.date.today()))
        before = {}
        if settings.get("LOAD_CONTENT_CACHE"):
            try:
                with file.open("rb") as handle:
                    kept_setup, kept = pickle.load(handle)
            except FileNotFoundError:
                pass
            except Exception as error:  # noqa: BLE001 - any damage to the file only means checking every brief
                logger.debug("crimebriefs: %s cannot be read (%s); every brief is checked", file, error)
            else:
                before = kept if kept_setup == setup and isinstance(kept, dict) else {}
        return cls(stamp, setup, before, file if settings.get("CACHE_CONTENT") else None)

    def found(self, key: Key) -> Scan | None:
        """What the last build found in the brief, if the file is as it was; its stamp is taken now, before any scan."""
        stamp = self.stamp(key[0])
        kept = self.before.get(key)
        if kept is not None and stamp and kept[0] == stamp:
            self.now[key] = kept
            return kept[1]
        self.now[key] = (stamp, None)
        return None

    def keep(self, key: Key, scan: Scan) -> None:
        """What this build found in a brief: kept with the stamp taken before it was scanned."""
        self.now[key] = (self.now[key][0], scan)

    def save(self) -> None:
        if self.file is None:
            return
        kept = {key: value for key, value in self.now.items() if value[1] is not None and value[0]}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.file, pickle.dumps((self.setup, kept), protocol=pickle.HIGHEST_PROTOCOL))
