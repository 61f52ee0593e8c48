"""Cleaned HTML → Markdown that can only render what the page meant as content.

markdownify does the conversion; this module decides what reaches the Markdown: every
text is escaped as :mod:`crimebriefs.escape` escapes a text page, links and images keep
only absolute http(s) (or mailto) URLs, and code cannot close its fence early. What is
not content (scripts, frames, forms, event handlers) never gets here: see
:mod:`crimebriefs.html_page`.
"""

import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from bs4 import Tag
from markdownify import ATX, MarkdownConverter

from crimebriefs.escape import escape_inline, escape_line_start
from crimebriefs.html_tree import Element, to_soup

LINK_SCHEMES = ("http", "https", "mailto")
"""The only URL schemes a brief links to; ``javascript:``, ``data:`` and the rest are dropped."""

BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "table", "pre", "figure",
})  # fmt: skip
"""Elements that are one block of the body each."""
_HOLDING_BLOCKS = BLOCK_TAGS | {"div", "li", "section", "article"}

# Characters left as they are in a URL: reserved and unreserved ones, and "%" of an existing
# escape. Parentheses, spaces, quotes, braces and angle brackets are escaped, so a URL can
# neither end a Markdown link early nor start Pelican's {filename} syntax.
_URL_SAFE = "!#$%&'*+,/:;=?@[]~"
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_BACKTICKS = re.compile(r"`+")


def safe_url(value: str | list[str] | None, base: str | None) -> str | None:
    """An absolute URL a brief may link to, resolved against ``base``, or ``None``."""
    if not isinstance(value, str) or not value.strip() or value.strip().startswith("#"):
        return None  # in-page anchors point nowhere once the page is a brief
    try:
        # urlsplit drops the tabs and newlines browsers ignore, so "java\tscript:" is seen for what it is.
        parts = urlsplit(urljoin(base, value.strip()) if base else value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc):
        return None
    return quote(urlunsplit(parts), safe=_URL_SAFE)


def plain_text(text: str) -> str:
    """A text node as HTML shows it: any run of spacing is one space; invisible characters go."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


def contains(tag: Tag | Element, names: frozenset[str]) -> bool:
    """Whether an element holds one of the named elements (a plain walk: cheaper than ``find``); strings have
    no name."""
    return any(node.name in names for node in tag.descendants)


def has_blocks(tag: Tag | Element) -> bool:
    """Whether an element holds blocks (paragraphs, lists, containers) rather than a line of text."""
    return contains(tag, _HOLDING_BLOCKS)


def _starting_a_line(convert):
    """Wrap a conversion so the text it places at a line start cannot open a block."""

    def implementation(self, el, text, parent_tags):
        if "_inline" not in parent_tags and not has_blocks(el):
            text = escape_line_start(text.lstrip())
        return convert(self, el, text, parent_tags)

    return implementation


class BriefConverter(MarkdownConverter):
    """markdownify, configured for briefs: ATX headings, ``-`` bullets, our escaping, safe URLs."""

    def __init__(self, base_url: str | None):
        super().__init__(
            heading_style=ATX,
            bullets="-",
            strong_em_symbol="*",
            escape_asterisks=False,  # escape() below escapes every text node itself
            escape_underscores=False,
            escape_misc=False,
            autolinks=False,
            sub_symbol="",
            sup_symbol="",
            table_infer_header=True,
        )
        self.base_url = base_url

    def escape(self, text, parent_tags):
        text = escape_inline(plain_text(text))
        if "td" in parent_tags or "th" in parent_tags:
            text = text.replace("|", "\\|")
        return text

    def convert_a(self, el, text, parent_tags):
        url = safe_url(el.get("href"), self.base_url)
        stripped = text.strip()
        if not stripped or url is None or "_noformat" in parent_tags:
            return text
        before = " " if text[:1].isspace() else ""
        after = " " if text[-1:].isspace() else ""
        return f"{before}[{stripped}]({url}){after}"

    def convert_img(self, el, text, parent_tags):
        alt = el.get("alt") if isinstance(el.get("alt"), str) else ""
        if "_noformat" in parent_tags:
            return alt
        alt = self.escape(alt.strip(), parent_tags)
        url = safe_url(el.get("src"), self.base_url)
        if url is None or "_inline" in parent_tags:
            return alt
        return f"![{alt}]({url})"

    def convert_br(self, el, text, parent_tags):
        # A line break becomes a space: a text that starts a line after it could open a block.
        return " "

    def convert_pre(self, el, text, parent_tags):
        code = text.strip("\n")
        if not code.strip():
            return ""
        # A fence longer than any run of backticks inside: the code cannot close it early.
        longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{code}\n{fence}\n\n"

    convert_p = _starting_a_line(MarkdownConverter.convert_p)
    convert_div = _starting_a_line(MarkdownConverter.convert_div)
    convert_li = _starting_a_line(MarkdownConverter.convert_li)
    convert_blockquote = _starting_a_line(MarkdownConverter.convert_blockquote)
    convert_dt = _starting_a_line(MarkdownConverter.convert_dt)
    convert_dd = _starting_a_line(MarkdownConverter.convert_dd)
    convert_figcaption = _starting_a_line(MarkdownConverter.convert_figcaption)

    def markdown(self, element: Element) -> str:
        """One element as Markdown, without surrounding blank lines."""
        return self.process_tag(to_soup(element), parent_tags=set()).strip("\n")
