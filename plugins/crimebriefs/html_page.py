"""A saved HTML page → its blocks, in reading order, for the same pipeline as a text page.

The page's article (the ``<article>`` or ``<main>`` that holds its ``<h1>``) is cut into
blocks: paragraphs, headings, lists, quotes, tables, figures. Each block carries its plain
text, which the source's text rules read (header line, chrome, see-also lines, subheads),
and, where the markup says more than the text, its Markdown. Anything that could run in
a browser is removed first; the Markdown is made by :mod:`crimebriefs.html_markdown`.
The page is read into the tree of :mod:`crimebriefs.html_tree`, which is BeautifulSoup's
tree of it, made several times faster.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from crimebriefs.escape import escape_line_start
from crimebriefs.html_markdown import BLOCK_TAGS, BriefConverter, contains, has_blocks, plain_text
from crimebriefs.html_tree import Element, Text, parse_html
from crimebriefs.page_meta import PageMeta, read_meta
from crimebriefs.read import is_url

UNSAFE_TAGS = (
    "script", "style", "iframe", "frame", "frameset", "object", "applet", "noscript", "template",
    "svg", "math", "canvas", "form", "input", "button", "select", "textarea", "link", "meta", "base",
    "audio", "video", "map", "dialog",
)  # fmt: skip
"""Elements whose content is not the article's text, or that could run or load something: removed."""

UNSAFE_EMPTY_TAGS = ("embed", "source", "track", "param", "keygen")
"""Empty elements that load something. libxml2 does not know them as empty and puts what
follows inside them, so they are unwrapped (removed, keeping that content), not removed whole."""

INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
    "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
    "var", "wbr",
})  # fmt: skip
"""Elements that are part of a line of text rather than a block of their own."""

RICH_TAGS = frozenset({"a", "em", "i", "strong", "b", "img", "code", "kbd", "samp", "del", "s"})
"""Inline markup worth keeping as Markdown in a paragraph: emphasis, links, images, code."""

BOILERPLATE_TAGS = frozenset({"nav", "header", "footer", "aside"})
BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
BOILERPLATE_WORDS = frozenset({
    "share", "sharing", "social", "donate", "donation", "donations", "related", "comment", "comments",
    "footer", "nav", "navigation", "menu", "breadcrumb", "breadcrumbs", "newsletter", "subscribe",
    "subscription", "sidebar", "widget", "advert", "advertisement", "ad", "ads", "promo", "popup", "modal",
    "cookie", "cookies", "about",
})  # fmt: skip
"""Words of a class or id that mark page chrome on most sites: ``share-buttons``, ``related-content``."""

_UNSAFE = frozenset(UNSAFE_TAGS + UNSAFE_EMPTY_TAGS)
MAX_DEPTH = 100
"""Real pages nest a few dozen elements deep; far deeper markup (thousands of unclosed ``<b>``) would
exhaust the recursion of the Markdown conversion, so what lies below this depth keeps only its text."""
_WORDS = re.compile(r"[a-z]+")
_IMAGE = frozenset({"img"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PUNCTUATION = re.compile(r"^\W*$")


@dataclass(frozen=True)
class HtmlBlock:
    """One block of a page's article."""

    line: int
    """The element's line in the HTML, 0 when not known."""
    text: str
    """Its visible text, spacing as in the page."""
    element: str
    """``p`` for prose (a paragraph or any element holding text), ``h2`` for a heading, else the
    element's name: ``ul``, ``ol``, ``dl``, ``blockquote``, ``table``, ``pre``, ``figure``."""
    markdown: str | None
    """The block as Markdown; ``None`` for headings and for prose without inline markup."""


@dataclass(frozen=True)
class HtmlPage:
    """What the pipeline needs of a saved page."""

    blocks: list[HtmlBlock]
    meta: PageMeta
    crumbs: list[str]
    """The breadcrumb's parts, ``Home`` first, as the page shows them."""
    base_url: str | None
    """The URL relative links were resolved against: the given one, else the canonical link."""


def read_html(markup: str, source_url: str | None) -> HtmlPage:
    """Cut a page into blocks, with ``source_url`` (else its canonical link) for relative links."""
    document = parse_html(markup)
    elements = _elements(document)
    _number_lines(elements, markup)
    meta = read_meta(elements)
    crumbs = _breadcrumb(elements)
    _remove_unsafe(elements)
    body = document.find("body") or document
    title = _title(body)
    root = _content_root(body, title)
    _drop_boilerplate(root, title)
    base_url = source_url or (meta.canonical if meta.canonical and is_url(meta.canonical) else None)
    converter = BriefConverter(base_url)
    blocks = [block for el in _block_elements(root) if (block := _block(el, converter))]
    return HtmlPage(blocks=blocks, meta=meta, crumbs=crumbs, base_url=base_url)


def _elements(document: Element) -> list[Element]:
    """Every element of the page in document order, one nested :data:`MAX_DEPTH` deep left holding only its text."""
    found: list[Element] = []
    _collect(document, 0, found)
    return found


def _collect(element: Element, depth: int, found: list[Element]) -> None:
    for child in element.children:
        if child.name is not None:
            found.append(child)
            if depth + 1 < MAX_DEPTH:
                _collect(child, depth + 1, found)
            elif any(node.name is not None for node in child.children):
                child.set_text(child.get_text())


def _remove_unsafe(elements: list[Element]) -> None:
    for element in [el for el in elements if el.name in _UNSAFE]:
        if element.removed:  # inside one removed before it
            continue
        if element.name in UNSAFE_EMPTY_TAGS:
            element.unwrap()
        else:
            element.decompose()


def _number_lines(elements: list[Element], markup: str) -> None:
    """Give each element its source line, for messages.

    The parser's events that build the page's tree carry no line numbers; lxml's own tree of the
    same markup does, element for element. The lines are copied only when both trees have the
    same elements in the same order.
    """
    try:
        tree = etree.HTML(markup)
    except (ValueError, etree.LxmlError):
        return
    if tree is None:
        return
    numbered = [el for el in tree.iter() if isinstance(el.tag, str)]
    if [element.name for element in elements] != [el.tag for el in numbered]:
        return
    for element, el in zip(elements, numbered, strict=True):
        element.sourceline = el.sourceline


def _words(element: Element) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return set(_WORDS.findall(names.lower()))


def _breadcrumb(elements: list[Element]) -> list[str]:
    for element in elements:
        label = element.get("aria-label")
        if _words(element) & {"breadcrumb", "breadcrumbs"} or (label is not None and "breadcrumb" in label.lower()):
            return [part for part in map(plain_text, element.stripped_strings()) if not _PUNCTUATION.match(part)]
    return []


def _title(body: Element) -> Element | None:
    """The article's ``<h1>``: one inside an ``<article>``, else inside ``<main>``, else the first."""
    headings = [element for element in body.elements() if element.name == "h1"]
    for container in ("article", "main"):
        for heading in headings:
            if any(parent.name == container for parent in heading.parents):
                return heading
    return headings[0] if headings else None


def _content_root(body: Element, title: Element | None) -> Element:
    """The element holding the article: the title's ``<article>`` or ``<main>``, else the page."""
    if title is not None:
        for parent in title.parents:
            if parent.name in ("article", "main") or parent.get("role") == "main":
                return parent
        return body
    return (
        body.find("main")
        or next((element for element in body.elements() if element.get("role") == "main"), None)
        or body.find("article")
        or body
    )


def _is_hidden(element: Element) -> bool:
    style = element.get("style")
    return (
        "hidden" in element.attrs
        or element.get("aria-hidden") == "true"
        or (style is not None and bool(_HIDDEN_STYLE.search(style)))
    )


def _is_chrome(element: Element) -> bool:
    role = element.get("role")
    return (role is not None and role.lower() in BOILERPLATE_ROLES) or bool(_words(element) & BOILERPLATE_WORDS)


def _drop_boilerplate(root: Element, title: Element | None) -> None:
    """Remove hidden elements, and navigation, share, donation, related, about and comment blocks.

    The title's own containers stay. So does an element holding most of the article's text,
    whatever its class says (``content has-sidebar``): class names are only a hint.
    """
    keep = {id(parent) for parent in title.parents} if title is not None else set()
    total = len(root.get_text())
    for element in root.elements():
        if element.removed or id(element) in keep or element is title:
            continue
        if (
            _is_hidden(element)
            or element.name in BOILERPLATE_TAGS
            or (_is_chrome(element) and len(element.get_text()) * 2 <= total)
        ):
            element.decompose()


def _block_elements(node: Element) -> Iterator[Element]:
    """The article's blocks in reading order; loose inline content is wrapped in a ``<p>``."""
    run: list[Element | Text] = []
    for child in list(node.children):
        if child.name is None:
            if child.is_prose:
                run.append(child)
            continue
        holds_blocks = child.name not in BLOCK_TAGS and has_blocks(child)
        if child.name in INLINE_TAGS and not holds_blocks:
            run.append(child)
            continue
        if run:
            yield _wrap(node, run)
            run = []
        if holds_blocks:
            yield from _block_elements(child)
        else:
            yield child
    if run:
        yield _wrap(node, run)


def _wrap(parent: Element, run: list[Element | Text]) -> Element:
    paragraph = parent.wrap(run, "p")
    paragraph.sourceline = next((n.sourceline for n in run if n.name is not None), parent.sourceline)
    return paragraph


def element_text(element: Element) -> str:
    """An element's visible text; a line break, and the start of a cell or item, count as a space."""
    parts = []
    for node in element.descendants:
        if node.name is None:
            if node.is_prose:
                parts.append(node.value)
        elif node.name == "br" or node.name not in INLINE_TAGS:
            parts.append(" ")
    return "".join(parts)


def _block(element: Element, converter: BriefConverter) -> HtmlBlock | None:
    text = element_text(element)
    name = element.name
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        kind, markdown = name, None
    elif name not in BLOCK_TAGS or name == "p":
        if not text.strip() and contains(element, _IMAGE):
            kind, markdown = "figure", converter.markdown(element)
        else:
            kind = "p"
            markdown = escape_line_start(converter.markdown(element)) if contains(element, RICH_TAGS) else None
    else:
        kind, markdown = name, converter.markdown(element)
    if not text.strip() and not markdown:
        return None
    return HtmlBlock(line=element.sourceline or 0, text=text, element=kind, markdown=markdown)
