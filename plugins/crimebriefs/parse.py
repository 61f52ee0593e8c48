"""A text page → a :class:`Brief`, through a named list of small steps.

Each step reads and fills a :class:`PageState`; a step fills only what an earlier one
left empty, so the order of :data:`STEPS` is the order of trust. What the source says
(labels, markers, chrome) comes from a :class:`SourceRules` table, never from here.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from crimebriefs.casing import label_case, name_case
from crimebriefs.model import Brief, Heading, Paragraph, RawPage, SeeAlso, Status
from crimebriefs.sources import SourceRules
from crimebriefs.sources.insightcrime import RULES as DEFAULT_RULES

SUMMARY_LENGTH = 300
"""Longest summary, in characters; a summary ends at a sentence boundary within it."""

REQUIRED_FIELDS = ("title", "date", "topic", "authors")

# Characters that are spacing or invisible in scraped text.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«¿¡(]?[A-ZÁÉÍÓÚÑÜ0-9])")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_AUTHOR_NAME = re.compile(r"^[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_][^\W\d_.'’-]*)*\.?$")
_TEASER_META = re.compile(r"^[A-ZÁÉÍÓÚÑ ]+ / \d{1,2} [A-Z]{3,4} \d{4}$")


@dataclass(frozen=True)
class Line:
    """A non-empty line of the page, cleaned, with its line number in the file."""

    number: int
    text: str


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
    brief: Brief = field(init=False)
    """The brief the steps fill in."""

    def __post_init__(self) -> None:
        page = self.page
        self.brief = Brief(origin=page.origin, key=page.key, status=Status.PUBLISHED, source_url=page.source_url)


def clean_line(text: str) -> str:
    """Non-breaking and odd spaces to plain ones, invisible characters out, runs collapsed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _quote_folded(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _is_short_label(text: str, max_words: int) -> bool:
    """A line too short and unpunctuated to be prose: a caption, subhead or label."""
    return len(text.split()) <= max_words and len(text) <= 90 and not _is_sentence(text) and text[:1].isupper()


def _header_pattern(rules: SourceRules) -> re.Pattern[str]:
    months = "|".join(sorted(rules.months, key=len, reverse=True))
    bywords = "|".join(map(re.escape, rules.byline_words))
    langs = "|".join(map(re.escape, rules.language_codes))
    return re.compile(
        rf"^(?P<topic>.+?)\s*/\s*"
        rf"(?:(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?\s+(?P<year>\d{{4}})"
        rf"|{re.escape(rules.update_label)}\s+(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
        rf"(?:\s+(?:{bywords})\s+(?P<byline>.+?))?"
        rf"(?:\s+(?P<lang>{langs}))?$"
    )


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


def read_header_line(state: PageState, line: Line) -> bool:
    """``TOPIC / D MON YYYY BY AUTHOR AND AUTHOR EN``; returns whether the line was one."""
    rules = state.rules
    match = _header_pattern(rules).match(line.text)
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
        state.brief.warnings.append(f"line {line.number}: {year}-{month:02}-{day:02} is not a real date; left out")
        return None


def split_byline(state: PageState, line: Line, byline: str) -> list[str]:
    """Authors from a byline in capitals, split on the separators only inside the byline."""
    rules = state.rules
    separators = "|".join(map(re.escape, rules.author_separators))
    authors = []
    for part in re.split(rf"\s*,\s*|\s+(?:{separators}|&)\s+", byline):
        name = part.strip()
        if not name:
            continue
        if not _AUTHOR_NAME.match(name):
            state.brief.warnings.append(f"line {line.number}: byline part {name!r} is not a name; left out")
            continue
        authors.append(name_case(name, rules))
    return authors


def cut_chrome(state: PageState) -> None:
    """End the body at the first line of page chrome or of a trailing sidebar."""
    rules = state.rules
    for index, line in enumerate(state.body):
        if any(pattern.search(line.text) for pattern in rules.chrome_starts) or rules.sidebar_end.match(line.text):
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
    patterns = state.rules.artefact_lines
    state.body = [line for line in state.body if not any(p.search(line.text) for p in patterns)]


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
    state.body = ([Line(first.number, rest)] if rest else []) + state.body[1:]


def detect_listing(state: PageState) -> None:
    """Tag, category and archive listings, hubs and organisation pages are not articles."""
    rules = state.rules
    url = state.page.source_url or ""
    for pattern, reason in rules.listing_url_paths:
        if url and pattern.search(url.split("?")[0]):
            state.skip_reason = f"{reason} (by its URL)"
            return
    if state.brief.title:
        return  # a page with an article header is an article, whatever its body quotes
    for line in state.body:
        for pattern, reason in rules.listing_signals:
            if pattern.search(line.text):
                state.skip_reason = f"{reason}: line {line.number} reads {line.text!r}"
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
    if len(body) >= 2 and _is_short_label(body[0].text, 12) and _is_sentence(body[1].text):
        state.body = body[1:]


def make_blocks(state: PageState) -> None:
    """Body lines → paragraphs, subheads and see-also links."""
    rules = state.rules
    subheads = {_quote_folded(text) for text in rules.analysis_subheads}
    see_also = re.compile(
        rf"^(?P<label>{'|'.join(map(re.escape, rules.see_also_labels))})\s*:\s*(?P<what>.+)$", re.IGNORECASE
    )
    body, blocks = state.body, state.brief.blocks
    for index, line in enumerate(body):
        text = line.text
        match = see_also.match(text)
        if match:
            blocks.append(SeeAlso(label=match["label"].capitalize(), tag=_see_also_tag(match["what"], rules)))
        elif _quote_folded(text) in subheads or (
            0 < index < len(body) - 1 and _is_short_label(text, 10) and _is_sentence(body[index + 1].text)
        ):
            blocks.append(Heading(text))
        else:
            blocks.append(Paragraph(text))


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


STEPS: tuple[Callable[[PageState], None], ...] = (
    find_header,
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
            source_url=page.source_url,
            warnings=brief.warnings,
        )
    brief.tags = list(dict.fromkeys(b.tag for b in brief.blocks if isinstance(b, SeeAlso)))
    brief.summary = summarize(paragraphs[0].text)
    brief.publisher = state.rules.publisher
    brief.license = state.rules.license
    missing = [name for name in REQUIRED_FIELDS if not getattr(brief, name)]
    if brief.title is None or brief.date is None:
        brief.status = Status.DRAFT
        brief.reason = "missing " + _join(missing)
        brief.review = f"Add the {_join(missing)}, then delete the status and review lines to publish."
    return brief


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def parse_page(page: RawPage, rules: SourceRules = DEFAULT_RULES) -> Brief:
    """Run every step over a page and return its brief."""
    lines = [Line(number, clean_line(text)) for number, text in enumerate(page.text.splitlines(), start=1)]
    state = PageState(page=page, rules=rules, lines=[line for line in lines if line.text])
    for step in STEPS:
        step(state)
    return finish(state)
