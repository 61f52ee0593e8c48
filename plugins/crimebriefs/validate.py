"""Front-matter rules for briefs: each problem is one line that says where, what is wrong and the fix."""

import datetime
import difflib
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pelican.utils import slugify

from crimebriefs.brief_template import PLACEHOLDER_SENTENCES
from crimebriefs.errors import FrontMatterError
from crimebriefs.front_matter import BriefFile, Field, read_brief
from crimebriefs.processes import map_forked, usable
from crimebriefs.read import is_url
from crimebriefs.settings import plugin_settings

if TYPE_CHECKING:
    from crimebriefs.kept_checks import KeptChecks

# Pelican reads these as Markdown; every other file in the briefs folder is left alone.
BRIEF_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
STATUSES = ("published", "draft", "hidden")


class Severity(StrEnum):
    """How much a problem matters: errors keep a brief out of the site; the rest are advice."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth knowing about) one brief."""

    path: Path
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else f"{self.severity}: "
        return f"{self.path}:{self.line}: {label}{self.message}"

    def unlabelled(self) -> str:
        """The line without its severity, for logs that show the level already."""
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class FieldRule:
    """What one front-matter field holds."""

    kind: str
    """``text``, ``list``, ``date`` or ``url``."""
    example: str
    """A value to show in a fix."""
    required: bool = False
    waived_by: str | None = None
    """A field whose value makes this one optional."""


FIELDS = {
    "title": FieldRule("text", "Ecuador Shifts Security Focus to Microtrafficking", required=True),
    "date": FieldRule("date", "2015-09-22", required=True),
    "topic": FieldRule("text", "Drug Policy", required=True),
    # A republished page that names no author (a profile, say) is credited to its publisher.
    "authors": FieldRule("list", "Sam Tabory", required=True, waived_by="publisher"),
    "kind": FieldRule("text", "Brief"),
    "lang": FieldRule("text", "en"),
    "tags": FieldRule("list", "Ecuador"),
    "summary": FieldRule("text", "Ecuador's authorities say they are shifting their security focus."),
    "source": FieldRule("url", "https://insightcrime.org/news/brief/new-police-general-in-ecuador/"),
    "publisher": FieldRule("text", "InSight Crime"),
    "publisher_url": FieldRule("url", "https://insightcrime.org/"),
    "license": FieldRule("text", "CC BY-NC 4.0"),
    "license_url": FieldRule("url", "https://creativecommons.org/licenses/by-nc/4.0/"),
    "status": FieldRule("text", "draft"),
    "review": FieldRule("text", "Add the date, then delete the status and review lines to publish."),
    "slug": FieldRule("text", "ecuador-shifts-security-focus"),
    "modified": FieldRule("date", "2015-09-23"),
    "template": FieldRule("text", "article"),
}
# Names people reach for that are not ours; difflib finds the near misses.
ALIASES = {
    "category": "topic",
    "author": "authors",
    "tag": "tags",
    "url": "source",
    "link": "source",
    "description": "summary",
    "language": "lang",
}
NOUNS = {"authors": "author", "tags": "tag"}


@dataclass(frozen=True)
class Rules:
    """What the site allows, from its settings."""

    languages: tuple[str, ...]
    summary_length: int
    slugify: Callable[[str], str]
    """A file name → its slug, as Pelican makes it."""
    topic_slug: Callable[[str], str]
    """A topic → its page's slug, as Pelican makes it."""
    today: datetime.date


def rules_from(settings: dict, today: datetime.date | None = None) -> Rules:
    """The rules a site's settings (Pelican's, with ``CRIMEBRIEFS_*``) ask for."""
    plugin = plugin_settings(settings)
    options = {
        "preserve_case": settings.get("SLUGIFY_PRESERVE_CASE", False),
        "use_unicode": settings.get("SLUGIFY_USE_UNICODE", False),
    }
    content_subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    return Rules(
        languages=plugin.languages,
        summary_length=plugin.summary_length,
        slugify=partial(slugify, regex_subs=content_subs, **options),
        topic_slug=partial(slugify, regex_subs=settings.get("CATEGORY_REGEX_SUBSTITUTIONS", content_subs), **options),
        today=today or datetime.date.today(),
    )


# --- one file ---------------------------------------------------------------------------------


def load(path: Path) -> BriefFile | Problem:
    """A brief's front matter, or the error that stops it being read."""
    try:
        return read_brief(path)
    except FrontMatterError as exc:
        return Problem(path, exc.line, Severity.ERROR, exc.reason)
    except OSError as exc:
        return Problem(path, 1, Severity.ERROR, f"the file cannot be read ({exc.strerror})")


def file_problems(path: Path, brief: BriefFile | Problem, rules: Rules) -> list[Problem]:
    """Every problem of one brief that can be seen without the others."""
    if isinstance(brief, Problem):
        return [brief]
    at = partial(Problem, path)
    found = [
        at(later.line, Severity.ERROR, f"{later.name} is given twice (also on line {first.line}); keep one")
        for first, later in brief.repeated
    ]
    for name, value in brief.fields.items():
        rule = FIELDS.get(name)
        if rule is None:
            found.append(at(value.line, Severity.WARNING, unknown_field(name)))
        elif not is_empty(value.value):
            found.extend(at(value.line, severity, message) for severity, message in field_problems(value, rule, rules))
    found.extend(missing_fields(brief, at))
    found.extend(
        at(brief.body_line + index, Severity.WARNING, "this line is the template's placeholder; write your own text")
        for index, line in enumerate(brief.body)
        if line.strip() in PLACEHOLDER_SENTENCES
    )
    return sorted(found, key=lambda problem: problem.line)


def is_empty(value: object) -> bool:
    if isinstance(value, list):
        return all(is_empty(item) for item in value)
    return value is None or (isinstance(value, str) and not value.strip())


def unknown_field(name: str) -> str:
    guess = ALIASES.get(name) or next(iter(difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.6)), None)
    if guess:
        return f'unknown field "{name}" (did you mean "{guess}"?)'
    return f'unknown field "{name}"; the fields a brief can have are listed in CONTRIBUTING.md'


def field_problems(field: Field, rule: FieldRule, rules: Rules) -> Iterator[tuple[Severity, str]]:
    """What is wrong with one field that has a value."""
    name, value = field.name, field.value
    if rule.kind == "list":
        noun = NOUNS.get(name, "item")
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, list | dict) for v in value)):
            yield Severity.ERROR, f'{name} must be a plain list, one "- {rule.example}" line per {noun}'
        elif not isinstance(value, list):
            first = str(value).split(",")[0].strip()
            yield (
                Severity.ERROR,
                f'{name} is a single text ("{value}"); write it as a list, one "- {first}" line '
                f'per {noun} below "{name}:"',
            )
        return
    if isinstance(value, list | dict):
        what = "a list" if isinstance(value, list) else "a group of fields"
        yield Severity.ERROR, f'{name} is {what}; write one value, as text: "{name}: {rule.example}"'
        return
    if rule.kind == "date":
        yield from date_problems(field, rules)
    elif rule.kind == "url" and not (isinstance(value, str) and is_url(value.strip())):
        yield Severity.ERROR, f'{name} "{value}" is not a web address; give the full address, starting with https://'
    elif name == "lang" and str(value).strip() not in rules.languages:
        known = ", ".join(rules.languages)
        yield (
            Severity.ERROR,
            f'lang "{value}" is not one of the site\'s languages ({known}); use one of them, '
            "or add it to CRIMEBRIEFS_LANGUAGES in pelicanconf.py",
        )
    elif name == "status" and str(value).strip() not in STATUSES:
        guess = difflib.get_close_matches(str(value).strip().lower(), STATUSES, n=1, cutoff=0.5)
        hint = f'did you mean "{guess[0]}"?' if guess else "or leave it out to publish"
        yield Severity.ERROR, f'status "{value}" is not one of {", ".join(STATUSES)} ({hint})'
    elif name == "summary" and len(str(value).strip()) > rules.summary_length:
        yield (
            Severity.WARNING,
            f"summary is {len(str(value).strip())} characters long, over the site's {rules.summary_length}; "
            "shorten it to a sentence or two",
        )


def date_problems(field: Field, rules: Rules) -> Iterator[tuple[Severity, str]]:
    day = as_date(field.value) if not field.unreadable else None
    if day is None:
        yield Severity.ERROR, f'{field.name} "{field.value}" is not a valid date (use YYYY-MM-DD)'
    elif field.name == "date" and day > rules.today:
        yield (
            Severity.WARNING,
            f"date {day.isoformat()} is in the future; the brief will be listed as the newest until then "
            "(check the year)",
        )


def as_date(value: object) -> datetime.date | None:
    """A date from what YAML read: a date, a date and time, or text in ISO 8601."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return None
    return None


def missing_fields(brief: BriefFile, at: Callable[..., Problem]) -> Iterator[Problem]:
    """Required fields that are absent or empty; a draft only notes them."""
    lacking = []
    for name, rule in FIELDS.items():
        if not rule.required or not is_empty(brief.value(name)):
            continue
        if rule.waived_by and not is_empty(brief.value(rule.waived_by)):
            continue
        lacking.append(name)
    status = brief.fields.get("status")
    if status is not None and status.value == "draft":
        review = brief.value("review")
        if isinstance(review, str) and review.strip():
            yield at(status.line, Severity.NOTE, f"draft, kept out of the site: {review.strip()}")
        elif lacking:
            yield at(status.line, Severity.NOTE, f"draft, kept out of the site; it still needs {join(lacking)}")
        else:
            yield at(status.line, Severity.NOTE, 'draft, kept out of the site until its "status" line is deleted')
        return
    for name in lacking:
        rule = FIELDS[name]
        present = brief.fields.get(name)
        each = f'one "- {rule.example}" line per {NOUNS.get(name, "item")}'
        if present is None and rule.kind == "list":
            message = f'{name} is missing; add a line "{name}:" to the front matter, with {each} below it'
        elif present is None:
            message = f'{name} is missing; add a line "{name}: {rule.example}" to the front matter'
        elif rule.kind == "list":
            message = f'{name} is empty; add {each} below "{name}:"'
        else:
            message = f'{name} is empty; write it like "{name}: {rule.example}"'
        yield at(brief.close_line if present is None else present.line, Severity.ERROR, message)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def tally(problems: list[Problem]) -> str:
    """``2 errors, 1 warning``."""
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    warnings = sum(problem.severity is Severity.WARNING for problem in problems)
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# --- a folder ---------------------------------------------------------------------------------


def brief_files(path: Path) -> Iterator[Path]:
    """The briefs in a folder (hidden files and folders left out, as Pelican does), or the file itself."""
    if not path.is_dir():
        yield path
        return
    found = []
    for folder, folders, files in os.walk(path):
        folders[:] = [name for name in folders if not name.startswith(".")]
        within = Path(folder).relative_to(path).parts
        found.extend(
            (*within, name)
            for name in files
            if not name.startswith(".")
            and name.lower().endswith(BRIEF_SUFFIXES)
            and os.path.isfile(os.path.join(folder, name))  # not a link to nothing
        )
    # In the order of the paths' parts, as sorting Paths gives it; made into Paths once each.
    for parts in sorted(found):
        yield path.joinpath(*parts)


def check_briefs(
    paths: Iterable[Path], briefs_dir: Path, rules: Rules, processes: int = 1, kept: "KeptChecks | None" = None
) -> list[Problem]:
    """Every problem of the briefs in ``paths``, seen beside all the briefs of ``briefs_dir``.

    The files are read by up to ``processes`` processes at once; with ``kept``, only those that
    changed since it was kept.
    """
    paths = list(paths)
    targets = list(dict.fromkeys(found for path in paths for found in brief_files(path)))
    wanted = {target.absolute(): target for target in targets}
    if paths == [briefs_dir]:  # the whole site is checked: its folder is read once
        site = dict(wanted)
    else:
        site = {found.absolute(): found for found in brief_files(briefs_dir)} if briefs_dir.is_dir() else {}
        site.update(wanted)
    keys = list(site)
    entries = {key: (str(key), str(site[key]), key in wanted) for key in keys} if kept is not None else {}
    known = {key: found for key, entry in entries.items() if (found := kept.found(entry)) is not None}
    todo = [key for key in keys if key not in known]
    scanned = map_forked(lambda key: scan(site[key], rules, key in wanted), todo, usable(processes, len(todo)))
    known.update(zip(todo, scanned, strict=True))
    if kept is not None:
        for key in todo:
            kept.keep(entries[key], known[key])
        kept.save()
    scans = {key: known[key] for key in keys}
    by_slug = defaultdict(list)
    for key, found in scans.items():
        by_slug[found.slug].append(key)
    topic_counts = Counter(found.topic.value.strip() for found in scans.values() if found.topic)
    problems = []
    for key, target in wanted.items():
        found = scans[key]
        problems.extend(found.problems)
        problems.extend(duplicate_slug(target, key, found.slug, found.slug_line, by_slug, site))
        problems.extend(topic_spelling(found.topic, target, topic_counts, rules))
    return sorted(problems, key=lambda problem: (str(problem.path), problem.line))


@dataclass(frozen=True)
class Scan:
    """What the check needs of one brief file: what it tells of the site, and its own problems."""

    slug: str
    slug_line: int
    topic: Field | None
    problems: list[Problem]
    """Its problems that can be seen without the other briefs; left empty for a brief not being checked."""


def scan(path: Path, rules: Rules, with_problems: bool) -> Scan:
    brief = load(path)
    problems = file_problems(path, brief, rules) if with_problems else []
    return Scan(*slug_of(path, brief, rules), topic_field(brief), problems)


def slug_of(path: Path, brief: BriefFile | Problem, rules: Rules) -> tuple[str, int]:
    """The slug Pelican gives a brief, and the line it comes from (1 for the file name)."""
    field = brief.fields.get("slug") if isinstance(brief, BriefFile) else None
    if field is not None and isinstance(field.value, str) and field.value.strip():
        return field.value.strip(), field.line
    return rules.slugify(path.stem), 1


def topic_field(brief: BriefFile | Problem) -> Field | None:
    """The brief's ``topic`` line, when it holds a topic."""
    field = brief.fields.get("topic") if isinstance(brief, BriefFile) else None
    return field if field is not None and isinstance(field.value, str) and field.value.strip() else None


def duplicate_slug(
    path: Path, key: Path, slug: str, line: int, by_slug: dict[str, list[Path]], site: dict[Path, Path]
) -> Iterator[Problem]:
    """A slug another brief has too; ``by_slug`` and ``site`` hold the absolute paths of the briefs, and their paths."""
    others = [site[other] for other in by_slug[slug] if other != key]
    if others:
        fix = "change its slug line" if line > 1 else "rename this file"
        yield Problem(
            path,
            line,
            Severity.ERROR,
            f'slug "{slug}" is also the slug of {others[0]}; two briefs cannot share one web address ({fix})',
        )


def topic_spelling(field: Field | None, shown: Path, counts: Counter, rules: Rules) -> Iterator[Problem]:
    """A topic no other brief uses, spelt like one that others do: most likely a slip."""
    if field is None:
        return
    topic, line = field.value.strip(), field.line
    if counts[topic] > 1:
        return
    known = [other for other, count in counts.items() if count > 0 and other != topic]
    same = [other for other in known if rules.topic_slug(other) == rules.topic_slug(topic)]
    if same:
        message = f'topic "{topic}" is spelt "{same[0]}" in other briefs; use the same spelling'
    else:
        close = closest(topic, known, cutoff=0.8)
        if not close:
            return
        names = " or ".join(f'"{name}"' for name in close)
        message = f'topic "{topic}" is used by no other brief; did you mean {names}? (keep it if a new topic is meant)'
    yield Problem(shown, line, Severity.WARNING, message)


def closest(word: str, choices: Iterable[str], cutoff: float, n: int = 3) -> list[str]:
    """The choices nearest to ``word``, ignoring case."""
    by_lower = {choice.lower(): choice for choice in choices}
    return [by_lower[match] for match in difflib.get_close_matches(word.lower(), by_lower, n=n, cutoff=cutoff)]


def site_topics(briefs_dir: Path) -> list[str]:
    """The topics the site's briefs use, as they spell them."""
    found = (topic_field(load(path)) for path in brief_files(briefs_dir)) if briefs_dir.is_dir() else ()
    return sorted({field.value.strip() for field in found if field})
