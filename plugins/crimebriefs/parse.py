"""A page → a :class:`Brief`, through a named list of small steps.

A text page's lines and a saved HTML page's blocks (see :mod:`crimebriefs.html_page`) go
through the same steps; only the first ones differ, :data:`TEXT_STEPS` reading a text
header and :data:`HTML_STEPS` the ``<h1>`` and the page's own metadata. Each step reads
and fills a :class:`PageState`; a step fills only what an earlier one left empty, so the
order of the steps is the order of trust. What the source says (labels, markers, chrome)
comes from a :class:`SourceRules` table, never from here.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from crimebriefs.casing import label_case, name_case
from crimebriefs.escape import collapse_spaces
from crimebriefs.model import Brief, Heading, Paragraph, RawPage, SeeAlso, Status, Structured
from crimebriefs.read import is_url
from crimebriefs.sources import SourceRules, derived
from crimebriefs.sources.insightcrime import RULES as DEFAULT_RULES

if TYPE_CHECKING:
    from crimebriefs.html_page import HtmlPage

SUMMARY_LENGTH = 300
"""Longest summary, in characters; a summary ends at a sentence boundary within it."""

REQUIRED_FIELDS = ("title", "date", "topic", "authors")

# Characters that are invisible in scraped text. Spacing is what str.split() splits on: every
# character Unicode calls a space, non-breaking and typographic ones included.
_INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARACTERS}]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«¿¡(]?[A-ZÁÉÍÓÚÑÜ0-9])")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_AUTHOR_NAME = re.compile(r"^[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_][^\W\d_.'’-]*)*\.?$")
_TEASER_META = re.compile(r"^[A-ZÁÉÍÓÚÑ ]+ / \d{1,2} [A-Z]{3,4} \d{4}$")


# Not frozen: a page has a hundred lines, and a frozen dataclass is three times slower to make. Steps replace a
# line rather than change it.
@dataclass(slots=True)
class Line:
    """A non-empty line of a text page, or a block of an HTML page, cleaned."""

    number: int
    """Its line in the file; 0 when not known."""
    text: str
    """Its text, cleaned: what the source's rules read."""
    markdown: str | None = None
    """For an HTML block, its Markdown when the markup says more than ``text``."""
    element: str | None = None
    """For an HTML block, what it is: ``p``, ``h2``, ``ul``... (see :class:`HtmlBlock`)."""


@dataclass
class PageState:
    """The record the steps fill, from raw lines to a finished brief."""

    page: RawPage
    rules: SourceRules
    lines: list[Line]
    """Every non-empty line of the page, cleaned."""
    body: list[Line] = field(default_factory=list)
    """The lines still taken for the body; steps narrow this down."""
    crumb_sections: list[str] = field(default_factory=list)
    """The breadcrumb's words between ``Home`` and the title (``News``, ``Brief``)."""
    is_profile: bool = False
    """Whether the header gave an update date instead of a byline."""
    skip_reason: str | None = None
    """Set by a step that finds the page is not an article."""
    html: "HtmlPage | None" = None
    """For an HTML page: its metadata and breadcrumb."""
    brief: Brief = field(init=False)
    """The brief the steps fill in."""

    def __post_init__(self) -> None:
        page = self.page
        self.brief = Brief(origin=page.origin, key=page.key, status=Status.PUBLISHED, source_url=page.source_url)


def clean_line(text: str) -> str:
    """Non-breaking and odd spaces to plain ones, invisible characters out, runs collapsed."""
    # Every invisible character is beyond ASCII, and none is printable: most lines need no look for them.
    # A look for each of _INVISIBLE_CHARACTERS, written out, costs half of a generator's.
    if text.isascii():
        return collapse_spaces(text)
    if text.isprintable():
        return text.strip() if "  " not in text else " ".join(text.split())
    if (
        "\u200b" in text or "\u200c" in text or "\u200d" in text
        or "\u2060" in text or "\ufeff" in text or "\u00ad" in text
    ):  # fmt: skip
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def text_lines(text: str) -> list[Line]:
    """The non-empty lines of a text page, cleaned, with their numbers."""
    # In a page without tabs or runs of spaces, an ASCII line (the most common) needs only its ends trimmed:
    # line breaks split it from the others, and the rest of ASCII's spacing is tabs, "\x1f" and runs of spaces.
    single_spaced = not ("  " in text or "\t" in text or "\x1f" in text)
    return [
        Line(number, cleaned)
        for number, raw in enumerate(text.splitlines(), start=1)
        if (cleaned := raw.strip() if single_spaced and raw.isascii() else clean_line(raw))
    ]


def _quote_folded(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _at(line: Line) -> str:
    return f"line {line.number}" if line.number else "in the page"


def _is_prose(line: Line) -> bool:
    """A line of a text page, or an HTML block holding prose (not a heading, list or table)."""
    return line.element in (None, "p")


def _heading_level(line: Line) -> int | None:
    element = line.element or ""
    return int(element[1]) if len(element) == 2 and element[0] == "h" and element[1].isdigit() else None


def _is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _is_short_label(text: str, max_words: int) -> bool:
    """A line too short and unpunctuated to be prose: a caption, subhead or label."""
    return len(text) <= 90 and text[:1].isupper() and len(text.split()) <= max_words and not _is_sentence(text)


@dataclass(frozen=True)
class _Patterns:
    """What the steps match, made once per :class:`SourceRules` rather than once per page."""

    header: re.Pattern[str]
    byline_split: re.Pattern[str]
    see_also: re.Pattern[str]
    chrome_start: Callable[[str], object]
    """Whether a line is one of ``chrome_starts``."""
    body_end: Callable[[str], object]
    """Whether a line is one of ``chrome_starts``, ``sidebar_end`` or ``sidebar_item``."""
    artefact: Callable[[str], object]
    """Whether a line is one of ``artefact_lines``."""
    subheads: frozenset[str]
    """The analysis subheads, quote-folded."""
    longest_subhead: int


def _patterns(rules: SourceRules) -> _Patterns:
    return derived(rules, _compile_patterns)


def _compile_patterns(rules: SourceRules) -> _Patterns:
    months = "|".join(sorted(rules.months, key=len, reverse=True))
    bywords = "|".join(map(re.escape, rules.byline_words))
    langs = "|".join(map(re.escape, rules.language_codes))
    separators = "|".join(map(re.escape, rules.author_separators))
    subheads = frozenset(_quote_folded(text) for text in rules.analysis_subheads)
    patterns = _Patterns(
        header=re.compile(
            rf"^(?P<topic>.+?)\s*/\s*"
            rf"(?:(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?\s+(?P<year>\d{{4}})"
            rf"|{re.escape(rules.update_label)}\s+(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
            rf"(?:\s+(?:{bywords})\s+(?P<byline>.+?))?"
            rf"(?:\s+(?P<lang>{langs}))?$"
        ),
        byline_split=re.compile(rf"\s*[,;]\s*|\s+(?:{separators}|&)\s+", re.IGNORECASE),
        see_also=re.compile(
            rf"^(?P<label>{'|'.join(map(re.escape, rules.see_also_labels))})\s*:\s*(?P<what>.+)$", re.IGNORECASE
        ),
        chrome_start=any_match(rules.chrome_starts),
        body_end=any_match((*rules.chrome_starts, rules.sidebar_end, rules.sidebar_item)),
        artefact=any_match(rules.artefact_lines),
        subheads=subheads,
        longest_subhead=max(map(len, subheads), default=0),
    )
    return patterns


_SCOPED_FLAGS = {re.IGNORECASE: "i", re.DOTALL: "s"}
_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")


def any_match(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str], object]:
    """Whether any of ``patterns`` matches at the start of a text, in one pass rather than one per pattern."""
    parts = []
    for pattern in patterns:
        extra = pattern.flags & ~re.UNICODE
        if extra & ~sum(_SCOPED_FLAGS) or _BACKREFERENCE.search(pattern.pattern):
            # Other flags cannot be scoped to a part, and joined parts renumber their groups.
            return lambda text: any(p.match(text) for p in patterns)
        flags = "".join(letter for flag, letter in _SCOPED_FLAGS.items() if extra & flag)
        parts.append(f"(?{flags}:{pattern.pattern})")
    try:
        return re.compile("|".join(parts) or "(?!)").match
    except re.error:  # the same group name in two parts
        return lambda text: any(p.match(text) for p in patterns)


# --- the steps -------------------------------------------------------------------------


def find_header(state: PageState) -> None:
    """Breadcrumb, label, title and header line of a modern page; the rest is body."""
    lines, rules = state.lines, state.rules
    state.body = list(lines)
    if not lines or not lines[0].text.startswith(rules.breadcrumb_root):
        return
    crumb = lines[0].text[len(rules.breadcrumb_root) :]
    folded_crumb = _quote_folded(crumb)
    for index in range(1, min(4, len(lines))):
        candidate = lines[index].text
        folded = _quote_folded(candidate)
        if len(folded) >= 3 and folded_crumb.endswith(folded) and len(folded) < len(folded_crumb):
            break
    else:
        return
    state.brief.title = candidate
    state.crumb_sections = re.findall(r"[A-ZÁÉÍÓÚÑ][^A-ZÁÉÍÓÚÑ]*", crumb[: len(crumb) - len(candidate)])
    for label in lines[1:index]:
        if label.text in rules.kind_labels:
            state.brief.kind = rules.kind_labels[label.text]
    rest = lines[index + 1 :]
    if rest and read_header_line(state, rest[0]):
        rest = rest[1:]
    state.body = rest


def find_html_header(state: PageState) -> None:
    """The ``<h1>`` is the title; a label before it gives the kind, the header line after it
    (or just before it) the topic, date and byline. What stands before the title is not body."""
    lines, rules = state.lines, state.rules
    state.body = list(lines)
    crumbs = list(state.html.crumbs)
    if crumbs and crumbs[0] == rules.breadcrumb_root:
        crumbs = crumbs[1:]
    index = next((i for i, line in enumerate(lines) if line.element == "h1"), None)
    if index is None:
        state.crumb_sections = crumbs
        return
    title = state.brief.title = lines[index].text
    if crumbs and _quote_folded(crumbs[-1]) == _quote_folded(title):
        crumbs = crumbs[:-1]
    state.crumb_sections = crumbs
    before, rest = lines[:index], lines[index + 1 :]
    for label in before[-2:]:
        if label.text in rules.kind_labels:
            state.brief.kind = rules.kind_labels[label.text]
    if rest and read_header_line(state, rest[0]):
        rest = rest[1:]
    elif before:
        read_header_line(state, before[-1])
    state.body = rest


def take_page_metadata(state: PageState) -> None:
    """The page's own metadata fills what its visible header left empty.

    Where both give a topic, date or byline and they differ, the visible header is kept,
    since it is what readers of the original saw, and the difference is reported.
    """
    meta, brief, rules = state.html.meta, state.brief, state.rules
    if brief.source_url is None:
        brief.source_url = state.html.base_url  # the canonical link, when it is a URL
    elif meta.canonical and is_url(meta.canonical) and meta.canonical != brief.source_url:
        brief.warnings.append(
            f"the page's canonical link {meta.canonical} differs from its given URL {brief.source_url}; "
            "keeping the given URL"
        )
    brief.title = brief.title or meta.title
    _settle(state, "topic", label_case(meta.topic, rules) if meta.topic else None)
    _settle(state, "date", meta.date)
    authors = [name for value in meta.authors for name in byline_names(value, rules) if _is_name(state, name)]
    _settle(state, "authors", [name_case(name, rules) for name in authors])
    brief.lang = brief.lang or meta.lang
    brief.warnings.extend(meta.problems)


def _is_name(state: PageState, name: str) -> bool:
    if _AUTHOR_NAME.match(name):
        return True
    state.brief.warnings.append(f"the page's metadata gives the author {name!r}, which is not a name; left out")
    return False


def _settle(state: PageState, name: str, from_meta) -> None:
    visible = getattr(state.brief, name)
    if not from_meta:
        return
    if not visible:
        setattr(state.brief, name, from_meta)
    elif _comparable(visible) != _comparable(from_meta):
        state.brief.warnings.append(
            f"the page's metadata gives the {name} {_shown(from_meta)}; the visible header's {_shown(visible)} is kept"
        )


def _comparable(value):
    if isinstance(value, list):
        return [_quote_folded(item) for item in value]
    return _quote_folded(value) if isinstance(value, str) else value


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(repr, value))
    return repr(value.isoformat() if isinstance(value, datetime.date) else value)


def read_header_line(state: PageState, line: Line) -> bool:
    """``TOPIC / D MON YYYY BY AUTHOR AND AUTHOR EN``; returns whether the line was one."""
    rules = state.rules
    match = _patterns(rules).header.match(line.text)
    if not match:
        return False
    state.brief.topic = label_case(match["topic"].strip(), rules)
    if match["iso"]:
        state.is_profile = True
        state.brief.date = _make_date(state, line, *map(int, match["iso"].split("-")))
    else:
        month = rules.months[match["month"]]
        state.brief.date = _make_date(state, line, int(match["year"]), month, int(match["day"]))
    if match["lang"]:
        state.brief.lang = rules.language_codes[match["lang"]]
    if match["byline"]:
        state.brief.authors = split_byline(state, line, match["byline"])
    return True


def _make_date(state: PageState, line: Line, year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        state.brief.warnings.append(f"{_at(line)}: {year}-{month:02}-{day:02} is not a real date; left out")
        return None


def byline_names(byline: str, rules: SourceRules) -> list[str]:
    """A byline split on commas, ``&`` and the source's separators (``AND``, ``Y``), in any case."""
    parts = _patterns(rules).byline_split.split(byline)
    return [part.strip() for part in parts if part.strip()]


def split_byline(state: PageState, line: Line, byline: str) -> list[str]:
    """Authors from a byline in capitals, split on the separators only inside the byline."""
    rules = state.rules
    authors = []
    for name in byline_names(byline, rules):
        if not _AUTHOR_NAME.match(name):
            state.brief.warnings.append(f"{_at(line)}: byline part {name!r} is not a name; left out")
            continue
        authors.append(name_case(name, rules))
    return authors


def cut_chrome(state: PageState) -> None:
    """End the body at the first line of page chrome or of a trailing sidebar."""
    rules = state.rules
    patterns = _patterns(rules)
    chrome_start, any_end = patterns.chrome_start, patterns.body_end
    for index, line in enumerate(state.body):
        if not any_end(line.text):
            continue  # one look instead of three, for all but the line that ends the body
        if chrome_start(line.text) or rules.sidebar_end.match(line.text):
            state.body = state.body[:index]
            break
        if rules.sidebar_item.match(line.text):
            # The sidebar's heading ("Investigations") stands just before its first bullet.
            start = index - 1 if index and _is_short_label(state.body[index - 1].text, 4) else index
            state.body = state.body[:start]
            break


def drop_banner(state: PageState) -> None:
    """Remove the site's moving-house banner wherever it stands."""
    banner = state.rules.banner
    body, kept, index = state.body, [], 0
    while index < len(body):
        if index + 1 < len(body) and banner[0].match(body[index].text) and banner[1].match(body[index + 1].text):
            index += 2
            while index < len(body) and any(p.match(body[index].text) for p in banner[2:]):
                index += 1
            continue
        kept.append(body[index])
        index += 1
    state.body = kept


def drop_artefacts(state: PageState) -> None:
    """Remove lines that are never prose: graphic file names, placeholders, stray marks."""
    artefact = _patterns(state.rules).artefact
    state.body = [line for line in state.body if not (_is_prose(line) and artefact(line.text))]


def take_glued_date(state: PageState) -> None:
    """A `` date YYYY-MM-DD `` prefix glued to the first paragraph gives the date."""
    if not state.body:
        return
    first = state.body[0]
    match = state.rules.glued_date.match(first.text)
    if not match:
        return
    if state.brief.date is None:
        state.brief.date = _make_date(state, first, *map(int, match[1].split("-")))
    rest = first.text[match.end() :].strip()
    state.body = ([replace(first, text=rest, markdown=None)] if rest else []) + state.body[1:]


def detect_listing(state: PageState) -> None:
    """Tag, category and archive listings, hubs and organisation pages are not articles."""
    rules = state.rules
    url = state.brief.source_url or ""
    for pattern, reason in rules.listing_url_paths:
        if url and pattern.search(url.split("?")[0]):
            state.skip_reason = f"{reason} (by its URL)"
            return
    if state.brief.title:
        return  # a page with an article header is an article, whatever its body quotes
    for line in state.body:
        for pattern, reason in rules.listing_signals:
            if pattern.search(line.text):
                state.skip_reason = f"{reason}: {_at(line)} reads {line.text!r}"
                return
    body = state.body
    teasers = [line for line in body if line.text.endswith(("...", "…"))]
    if len(teasers) >= 3 and len(teasers) * 4 >= len(body):
        state.skip_reason = f"listing page: {len(teasers)} teasers ending in '...'"
        return
    metas = [line for line in body if _TEASER_META.match(line.text)]
    if len(metas) >= 3:
        state.skip_reason = f"listing page: {len(metas)} 'KIND / DATE' teaser lines"


def drop_caption(state: PageState) -> None:
    """An image caption before the first paragraph: short, unpunctuated, followed by prose."""
    body = state.body
    if len(body) >= 2 and _is_prose(body[0]) and _is_short_label(body[0].text, 12) and _is_sentence(body[1].text):
        state.body = body[1:]


def make_blocks(state: PageState) -> None:
    """Body lines → paragraphs, subheads, see-also links and, from HTML, lists, tables and figures."""
    rules = state.rules
    patterns = _patterns(rules)
    see_also, subheads = patterns.see_also, patterns.subheads
    body, blocks = state.body, state.brief.blocks
    for index, line in enumerate(body):
        text = line.text
        # A text page's line is prose; only an HTML block may be a heading or a structure.
        prose, level = (True, None) if line.element is None else (_is_prose(line), _heading_level(line))
        match = see_also.match(text) if prose or level else None
        if match:
            blocks.append(SeeAlso(label=match["label"].capitalize(), tag=_see_also_tag(match["what"], rules)))
        elif level:
            # The title is the page's <h1>: a heading of the body is at least a level below it.
            blocks.append(Heading(text, max(2, level)))
        elif not prose:
            blocks.append(Structured(text, line.markdown))
        elif (len(text) <= patterns.longest_subhead and _quote_folded(text) in subheads) or (
            # Only a text page needs to guess its subheads: an HTML page marks them up.
            line.element is None
            and 0 < index < len(body) - 1
            and _is_short_label(text, 10)
            and _is_sentence(body[index + 1].text)
        ):
            blocks.append(Heading(text))
        else:
            blocks.append(Paragraph(text, line.markdown))


def _see_also_tag(what: str, rules: SourceRules) -> str:
    what = what.strip()
    for prefix in rules.see_also_prefixes:
        if what.casefold().startswith(prefix.casefold()):
            return what[len(prefix) :].strip()
    return what


def guess_language(state: PageState) -> None:
    """Without a language marker, count each language's frequent words in the body."""
    if state.brief.lang:
        return
    words = re.findall(r"[^\W\d_]+", " ".join(b.text for b in state.brief.blocks if isinstance(b, Paragraph)).lower())
    scores = {
        lang: sum(word in vocabulary for word in words) for lang, vocabulary in state.rules.language_words.items()
    }
    best = max(scores, key=scores.get, default=None)
    if best and scores[best] >= 3 and list(scores.values()).count(scores[best]) == 1:
        state.brief.lang = best


def infer_kind(state: PageState) -> None:
    """Without a label line, the kind comes from the breadcrumb or the profile header."""
    if state.brief.kind:
        return
    labels = state.rules.kind_labels
    for section in reversed(state.crumb_sections):
        if section.strip().upper() in labels:
            state.brief.kind = labels[section.strip().upper()]
            return
    if state.is_profile:
        state.brief.kind = state.rules.profile_kind.get(state.brief.lang or "en")


BODY_STEPS: tuple[Callable[[PageState], None], ...] = (
    cut_chrome,
    drop_banner,
    drop_artefacts,
    take_glued_date,
    detect_listing,
    drop_caption,
    make_blocks,
    guess_language,
    infer_kind,
)
"""What every page goes through once its header is read."""

TEXT_STEPS = (find_header, *BODY_STEPS)
HTML_STEPS = (find_html_header, take_page_metadata, *BODY_STEPS)


# --- the brief ---------------------------------------------------------------------------


def summarize(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The first sentences of a paragraph that fit in ``limit`` characters."""
    if len(text) <= limit:
        return text
    summary = ""
    for sentence in _SENTENCE_BREAK.split(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > limit:
            break
        summary = candidate
    if summary:
        return summary
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def finish(state: PageState) -> Brief:
    """Decide the status and complete the brief."""
    page, brief = state.page, state.brief
    brief.warnings[:0] = page.notes
    paragraphs = [b for b in brief.blocks if isinstance(b, Paragraph)]
    if state.skip_reason or not paragraphs:
        # A page that is not an article keeps nothing that could be mistaken for one.
        return Brief(
            origin=page.origin,
            key=page.key,
            status=Status.SKIPPED,
            reason=state.skip_reason or "no article text once page chrome is removed",
            source_url=brief.source_url,
            warnings=brief.warnings,
        )
    page_tags = [label_case(tag, state.rules) for tag in state.html.meta.tags] if state.html else []
    brief.tags = list(dict.fromkeys([*(b.tag for b in brief.blocks if isinstance(b, SeeAlso)), *page_tags]))
    _leave_out_markup(brief)
    brief.summary = summarize(paragraphs[0].text)
    brief.publisher = state.rules.publisher
    brief.license = state.rules.license
    missing = [name for name in REQUIRED_FIELDS if not getattr(brief, name)]
    if brief.title is None or brief.date is None:
        brief.status = Status.DRAFT
        brief.reason = "missing " + _join(missing)
        brief.review = f"Add the {_join(missing)}, then delete the status and review lines to publish."
    return brief


def _leave_out_markup(brief: Brief) -> None:
    """A topic, tag or author is shown on many pages, as a name: one holding markup is left out."""
    if brief.topic and _has_markup(brief.topic):
        brief.warnings.append(f"the topic {brief.topic!r} looks like markup, not a name; left out")
        brief.topic = None
    for field_name, singular in (("authors", "author"), ("tags", "tag")):
        values = getattr(brief, field_name)
        for value in values:
            if _has_markup(value):
                brief.warnings.append(f"the {singular} {value!r} looks like markup, not a name; left out")
        setattr(brief, field_name, [value for value in values if not _has_markup(value)])


def _has_markup(text: str) -> bool:
    return "<" in text or ">" in text


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def parse_page(page: RawPage, rules: SourceRules = DEFAULT_RULES) -> Brief:
    """Run every step over a page and return its brief."""
    if page.is_html:
        # Loaded for the first HTML page: a process that parses only text pages starts without its libraries.
        from crimebriefs.html_page import read_html

        html = read_html(page.text, page.source_url)
        lines = [Line(b.line, clean_line(b.text), b.markdown, b.element) for b in html.blocks]
        steps = HTML_STEPS
    else:
        html = None
        lines = text_lines(page.text)
        steps = TEXT_STEPS
    state = PageState(page=page, rules=rules, lines=[line for line in lines if line.text or line.markdown], html=html)
    for step in steps:
        step(state)
    return finish(state)
