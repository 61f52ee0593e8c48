"""What a saved HTML page says about itself: canonical link, Open Graph, ``article:*``, JSON-LD.

These fill only what the page's visible header leaves empty (see :mod:`crimebriefs.parse`).
Within the page's own signals the order is fixed: meta tags first, then JSON-LD, each
in document order, so the same page always gives the same values.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

from crimebriefs.html_tree import Element

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_WORD = re.compile(r"\S+")


@dataclass
class PageMeta:
    """The page's own metadata, each field ``None`` or empty when the page does not say."""

    canonical: str | None = None
    """``<link rel="canonical">``, else ``og:url``; not yet checked to be a URL."""
    title: str | None = None
    """``og:title``, else JSON-LD ``headline``."""
    date: datetime.date | None = None
    """``article:published_time``, else JSON-LD ``datePublished``: the date as the page writes it."""
    topic: str | None = None
    """``article:section``, else JSON-LD ``articleSection``."""
    authors: list[str] = field(default_factory=list)
    """``<meta name="author">`` values, else JSON-LD ``author`` names; one value may name several."""
    lang: str | None = None
    """``<html lang>``, else ``og:locale``, else JSON-LD ``inLanguage``: a language code."""
    tags: list[str] = field(default_factory=list)
    """``article:tag`` values, in order."""
    problems: list[str] = field(default_factory=list)
    """What could not be read (a JSON-LD block that is not JSON), for the warnings."""


def read_meta(elements: list[Element]) -> PageMeta:
    """Read the page's metadata from its elements in document order; call before scripts are removed,
    since JSON-LD is one."""
    meta = PageMeta()
    found = _elements(elements)
    values = _meta_values(found["meta"])
    canonical = next(
        (tag for tag in found["link"] if _has_word(tag.get("rel"), "canonical") and tag.get("href") is not None),
        None,
    )
    meta.canonical = _text(canonical.get("href")) if canonical else None
    meta.canonical = meta.canonical or _first(values, "og:url")
    meta.title = _first(values, "og:title")
    meta.date = _date(_first(values, "article:published_time"))
    meta.topic = _first(values, "article:section")
    # Some sites give a profile URL as the author, which is not a name.
    meta.authors = [value for value in values.get("author", []) if "://" not in value]
    html = next((element for element in elements if element.name == "html"), None)
    meta.lang = _language(html.get("lang") if html else None) or _language(_first(values, "og:locale"))
    meta.tags = list(dict.fromkeys(values.get("article:tag", [])))
    for article in _json_ld_articles(found["script"], meta.problems):
        _fill_from_json_ld(meta, article)
    return meta


def _text(value) -> str | None:
    """An attribute or JSON value as one line of text, or ``None`` when blank or not text."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _elements(elements: list[Element]) -> dict[str, list[Element]]:
    """The page's ``<link>``, ``<meta>`` and ``<script>`` elements, in document order."""
    found: dict[str, list[Element]] = {"link": [], "meta": [], "script": []}
    for element in elements:
        if element.name in found:
            found[element.name].append(element)
    return found


def _has_word(value: str | None, word: str) -> bool:
    """Whether a list of words (``rel``) holds ``word``, as BeautifulSoup's ``find`` reads it: one of them, or
    all of them."""
    if value is None:
        return False
    words = _WORD.findall(value)
    return word in words or (len(words) != 1 and " ".join(words) == word)


def _meta_values(metas: list[Element]) -> dict[str, list[str]]:
    """``<meta property|name=KEY content=VALUE>`` → KEY (lower case) → values in order."""
    values: dict[str, list[str]] = {}
    for tag in metas:
        if tag.get("content") is None:
            continue
        key = _text(tag.get("property")) or _text(tag.get("name"))
        value = _text(tag.get("content"))
        if key and value:
            values.setdefault(key.lower(), []).append(value)
    return values


def _first(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0] if found else None


def _date(value) -> datetime.date | None:
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None


def _language(value) -> str | None:
    match = _LANGUAGE.match(value.strip()) if isinstance(value, str) else None
    return match[1].lower() if match else None


def _json_ld_articles(scripts: list[Element], problems: list[str]) -> list[dict]:
    """The article objects of every JSON-LD block, in document order, ``@graph`` opened."""
    articles = []
    json_ld = [script for script in scripts if script.get("type") == "application/ld+json"]
    for number, script in enumerate(json_ld, start=1):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            problems.append(f"JSON-LD block {number} is not valid JSON; ignored")
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack[:0] = item["@graph"]
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and (t.endswith("Article") or t == "BlogPosting") for t in types):
                    articles.append(item)
    return articles


def _fill_from_json_ld(meta: PageMeta, article: dict) -> None:
    meta.title = meta.title or _text(article.get("headline"))
    meta.date = meta.date or _date(article.get("datePublished"))
    section = article.get("articleSection")
    meta.topic = meta.topic or _text(section[0] if isinstance(section, list) and section else section)
    meta.lang = meta.lang or _language(article.get("inLanguage"))
    if not meta.authors:
        authors = article.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = _text(author.get("name")) if isinstance(author, dict) else _text(author)
            if name:
                meta.authors.append(name)
