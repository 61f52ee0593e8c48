"""A saved HTML page → its blocks, in reading order, for the same pipeline as a text page.

The page's article (the ``<article>`` or ``<main>`` that holds its ``<h1>``) is cut into
blocks: paragraphs, headings, lists, quotes, tables, figures. Each block carries its plain
text, which the source's text rules read (header line, chrome, see-also lines, subheads),
and, where the markup says more than the text, its Markdown. Anything that could run in
a browser is removed first; the Markdown is made by :mod:`crimebriefs.html_markdown`.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from lxml import etree

from crimebriefs.escape import escape_line_start
from crimebriefs.html_markdown import BLOCK_TAGS, BriefConverter, contains, has_blocks, plain_text
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
# Real pages nest a few dozen elements deep; far deeper markup (thousands of unclosed <b>) would
# exhaust the recursion of the Markdown conversion, so what lies below this depth keeps only its text.
MAX_DEPTH = 100
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
    soup = BeautifulSoup(markup, "lxml")
    _flatten_deep_nesting(soup)
    _number_lines(soup, markup)
    meta = read_meta(soup)
    crumbs = _breadcrumb(soup)
    _remove_unsafe(soup)
    body = soup.body or soup
    title = _title(body)
    root = _content_root(body, title)
    _drop_boilerplate(root, title)
    base_url = source_url or (meta.canonical if meta.canonical and is_url(meta.canonical) else None)
    converter = BriefConverter(base_url)
    blocks = [block for el in _block_elements(soup, root) if (block := _block(el, converter))]
    return HtmlPage(blocks=blocks, meta=meta, crumbs=crumbs, base_url=base_url)


def _flatten_deep_nesting(soup: BeautifulSoup) -> None:
    # bs4 walks .descendants without recursion, so the depth is counted in one pass.
    depth = {id(soup): 0}
    deepest = {}
    for node in soup.descendants:
        if isinstance(node, Tag):
            depth[id(node)] = depth[id(node.parent)] + 1
            if depth[id(node)] == MAX_DEPTH + 1:
                deepest[id(node.parent)] = node.parent
    for tag in deepest.values():
        tag.string = tag.get_text()


def _remove_unsafe(soup: BeautifulSoup) -> None:
    # One walk with set lookups: bs4's find_all over a list of names costs more than the parse.
    unsafe = [node for node in soup.descendants if isinstance(node, Tag) and node.name in _UNSAFE]
    for tag in unsafe:
        if _removed(tag):  # inside one removed before it
            continue
        if tag.name in UNSAFE_EMPTY_TAGS:
            tag.unwrap()
        else:
            tag.decompose()


def _number_lines(soup: BeautifulSoup, markup: str) -> None:
    """Give each element its source line, for messages.

    BeautifulSoup's lxml builder keeps no line numbers; lxml's own tree of the same markup
    does, element for element. The lines are copied only when both trees have the same
    elements in the same order.
    """
    try:
        tree = lxml.html.document_fromstring(markup)
    except (ValueError, etree.LxmlError):
        return
    elements = [el for el in tree.iter() if isinstance(el.tag, str)]
    tags = _tags(soup)
    if [tag.name for tag in tags] != [el.tag for el in elements]:
        return
    for tag, el in zip(tags, elements, strict=True):
        tag.sourceline = el.sourceline


def _tags(node: Tag) -> list[Tag]:
    """Every element inside ``node``, in document order: ``find_all(True)`` without its matching machinery."""
    return [child for child in node.descendants if isinstance(child, Tag)]


def _removed(tag: Tag) -> bool:
    """Whether ``tag`` was decomposed. bs4's own ``decomposed`` reads an attribute that a tag not decomposed
    lacks, and a missing attribute of a tag is a search of everything inside it for an element of that name."""
    return vars(tag).get("_decomposed", False)


def _words(tag: Tag) -> set[str]:
    classes = tag.get("class") or []
    names = " ".join([*classes, tag.get("id") or ""]) if isinstance(classes, list) else str(classes)
    return set(_WORDS.findall(names.lower()))


def _breadcrumb(soup: BeautifulSoup) -> list[str]:
    for tag in _tags(soup):
        label = tag.get("aria-label")
        if _words(tag) & {"breadcrumb", "breadcrumbs"} or (isinstance(label, str) and "breadcrumb" in label.lower()):
            return [part for part in map(plain_text, tag.stripped_strings) if not _PUNCTUATION.match(part)]
    return []


def _title(body: Tag) -> Tag | None:
    """The article's ``<h1>``: one inside an ``<article>``, else inside ``<main>``, else the first."""
    headings = body.find_all("h1")
    for container in ("article", "main"):
        for heading in headings:
            if heading.find_parent(container):
                return heading
    return headings[0] if headings else None


def _content_root(body: Tag, title: Tag | None) -> Tag:
    """The element holding the article: the title's ``<article>`` or ``<main>``, else the page."""
    if title is not None:
        for parent in title.parents:
            if parent.name in ("article", "main") or parent.get("role") == "main":
                return parent
        return body
    return body.find("main") or body.find(attrs={"role": "main"}) or body.find("article") or body


def _is_hidden(tag: Tag) -> bool:
    style = tag.get("style")
    return (
        tag.has_attr("hidden")
        or tag.get("aria-hidden") == "true"
        or (isinstance(style, str) and bool(_HIDDEN_STYLE.search(style)))
    )


def _is_chrome(tag: Tag) -> bool:
    role = tag.get("role")
    return (isinstance(role, str) and role.lower() in BOILERPLATE_ROLES) or bool(_words(tag) & BOILERPLATE_WORDS)


def _drop_boilerplate(root: Tag, title: Tag | None) -> None:
    """Remove hidden elements, and navigation, share, donation, related, about and comment blocks.

    The title's own containers stay. So does an element holding most of the article's text,
    whatever its class says (``content has-sidebar``): class names are only a hint.
    """
    keep = {id(parent) for parent in title.parents} if title is not None else set()
    total = len(root.get_text())
    for tag in _tags(root):
        if _removed(tag) or id(tag) in keep or tag is title:
            continue
        if _is_hidden(tag) or tag.name in BOILERPLATE_TAGS or (_is_chrome(tag) and len(tag.get_text()) * 2 <= total):
            tag.decompose()


def _is_text(node) -> bool:
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def _block_elements(soup: BeautifulSoup, node: Tag) -> Iterator[Tag]:
    """The article's blocks in reading order; loose inline content is wrapped in a ``<p>``."""
    run: list = []
    for child in list(node.children):
        if not isinstance(child, Tag):
            if _is_text(child):
                run.append(child)
            continue
        holds_blocks = child.name not in BLOCK_TAGS and has_blocks(child)
        if child.name in INLINE_TAGS and not holds_blocks:
            run.append(child)
            continue
        if run:
            yield _wrap(soup, node, run)
            run = []
        if holds_blocks:
            yield from _block_elements(soup, child)
        else:
            yield child
    if run:
        yield _wrap(soup, node, run)


def _wrap(soup: BeautifulSoup, parent: Tag, run: list) -> Tag:
    paragraph = soup.new_tag("p")
    run[0].insert_before(paragraph)
    for node in run:
        paragraph.append(node)
    paragraph.sourceline = next((n.sourceline for n in run if isinstance(n, Tag)), parent.sourceline)
    return paragraph


def element_text(tag: Tag) -> str:
    """An element's visible text; a line break, and the start of a cell or item, count as a space."""
    return "".join(
        str(node) if _is_text(node) else " "
        for node in tag.descendants
        if _is_text(node) or (isinstance(node, Tag) and (node.name == "br" or node.name not in INLINE_TAGS))
    )


def _block(tag: Tag, converter: BriefConverter) -> HtmlBlock | None:
    text = element_text(tag)
    name = tag.name
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        element, markdown = name, None
    elif name not in BLOCK_TAGS or name == "p":
        if not text.strip() and contains(tag, _IMAGE):
            element, markdown = "figure", converter.markdown(tag)
        else:
            element = "p"
            markdown = escape_line_start(converter.markdown(tag)) if contains(tag, RICH_TAGS) else None
    else:
        element, markdown = name, converter.markdown(tag)
    if not text.strip() and not markdown:
        return None
    return HtmlBlock(line=tag.sourceline or 0, text=text, element=element, markdown=markdown)
