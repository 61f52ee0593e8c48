"""Per-source vocabularies: the labels, markers and chrome of each site we import from."""

from collections.abc import Callable
from dataclasses import dataclass
from re import Pattern
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class SourceRules:
    """Everything the parser knows about one source site. Generic code takes this as data."""

    publisher: str
    """The organisation credited in republished briefs."""
    publisher_url: str
    """The publisher's home page."""
    license: str
    """The licence the publisher grants for reuse of its pages."""
    breadcrumb_root: str
    """The first word of the breadcrumb line glued before the title (``Home``)."""
    kind_labels: dict[str, str]
    """Label line in capitals → the kind shown on the site (``BRIEF`` → ``Brief``)."""
    profile_kind: dict[str, str]
    """Kind of a page whose header carries an update date instead of a byline, per language."""
    months: dict[str, int]
    """Month abbreviations in capitals, every language of the source → month number."""
    byline_words: tuple[str, ...]
    """The word that opens a byline (``BY``, ``POR``)."""
    author_separators: tuple[str, ...]
    """Words that separate authors inside a byline only (``AND``, ``Y``)."""
    language_codes: dict[str, str]
    """Language marker at the end of the header line → language code."""
    update_label: str
    """The words that stand for date and byline on profile pages."""
    analysis_subheads: tuple[str, ...]
    """Lines that open the analysis part of a brief; they become ``##`` headings."""
    see_also_labels: tuple[str, ...]
    """Labels of lines that promote other coverage (``SEE ALSO``)."""
    see_also_prefixes: tuple[str, ...]
    """Words before the tag name in a see-also line (``Coverage of ``)."""
    chrome_starts: tuple[Pattern[str], ...]
    """Lines that end the article: they and everything after them are page chrome. Matched from the line's start."""
    artefact_lines: tuple[Pattern[str], ...]
    """Lines that are never prose, wherever they stand. Matched from the line's start."""
    banner: tuple[Pattern[str], ...]
    """Consecutive lines of a site banner, removed when the first two match."""
    sidebar_item: Pattern[str]
    """A numbered bullet of a trailing sidebar; the sidebar and what follows are cut."""
    sidebar_end: Pattern[str]
    """The pager line that closes a trailing sidebar."""
    glued_date: Pattern[str]
    """A date some crawls glue before the first paragraph; group 1 is ``YYYY-MM-DD``."""
    listing_signals: tuple[tuple[Pattern[str], str], ...]
    """Lines that only a listing page has, each with the reason given for skipping it."""
    listing_url_paths: tuple[tuple[Pattern[str], str], ...]
    """Source URL paths of listing pages, each with the reason given for skipping it."""
    fixed_spellings: dict[str, str]
    """Names in capitals with a spelling natural case would get wrong."""
    acronyms: frozenset[str]
    """Words kept in capitals when a label is put in natural case."""
    minor_words: frozenset[str]
    """Words in lower case inside a topic (``Gender and Crime``)."""
    name_particles: frozenset[str]
    """Words in lower case inside a person's name (``Douwe den Held``)."""
    language_words: dict[str, frozenset[str]]
    """Frequent words per language, to tell the language of a page without a marker."""


_derived: dict[tuple[int, Callable], tuple[SourceRules, object]] = {}


def derived(rules: SourceRules, make: Callable[[SourceRules], T]) -> T:
    """``make(rules)``, made once per rules rather than once per page: patterns compiled from them, say."""
    # Rules hold dicts, so they cannot key a cache themselves; the entry keeps them alive, so their id stays theirs.
    key = (id(rules), make)
    found = _derived.get(key)
    if found is not None and found[0] is rules:
        return found[1]
    value = make(rules)
    _derived[key] = (rules, value)
    return value
