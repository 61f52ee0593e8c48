"""Plain text → Markdown that renders to exactly that text, and nothing more.

Text from a dump is data: a ``<script>`` in it must show as text, a ``[link](...)`` must
not become a link, and a line that starts with ``#`` must not become a heading. Escapes
are added only where Markdown would otherwise read syntax, so the file stays readable.
"""

import re

# Characters Python-Markdown reads as inline syntax anywhere in a line.
# Braces too: Pelican's Markdown has attr_list, which reads a trailing "{...}" as attributes.
_INLINE = re.compile(r"([\\`*\[\]{}])")
# Underscores open emphasis only at a word's edge; inside a word they are literal.
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# An ampersand that would start a character reference.
_ENTITY_AMP = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
# Line starts that open a block: headings, quotes, list items and rules.
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+]|\d+(?=[.)]\s|[.)]$))")


def escape_inline(text: str) -> str:
    """Escape what Markdown would read as inline syntax or raw HTML."""
    # Most text holds none of these characters: a look for each is far cheaper than a substitution.
    if "&" in text:
        text = _ENTITY_AMP.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    # The looks written out: a generator over the marks costs five times more, and this runs for every paragraph.
    if (
        "\\" in text or "`" in text or "*" in text or "[" in text or "]" in text or "{" in text or "}" in text
    ):  # fmt: skip
        text = _INLINE.sub(r"\\\1", text)
    if "_" in text:
        text = _EDGE_UNDERSCORE.sub(r"\\_", text)
    return text


def escape_block(text: str) -> str:
    """Escape one paragraph's text, including what would open a block at its start."""
    return escape_line_start(escape_inline(collapse_spaces(text)))


def collapse_spaces(text: str) -> str:
    """Every run of spacing as one space, none at the ends: ``" ".join(text.split())``.

    Most text needs nothing: one look for each kind of ASCII spacing beyond single spaces spares splitting it.
    Beyond ASCII, text that is all printable holds no spacing but the plain space (every other kind is a
    control, a separator or a format character, which are not printable).
    """
    # The looks written out, not in a generator: this runs for every line and paragraph of every page.
    if text.isascii():
        if not (
            "  " in text or "\t" in text or "\n" in text or "\x0b" in text or "\x0c" in text
            or "\r" in text or "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text
        ):  # fmt: skip
            return text.strip()
    elif "  " not in text and text.isprintable():
        return text.strip()
    return " ".join(text.split())


def escape_line_start(escaped: str) -> str:
    """Escape what would open a block at the start of already escaped text."""
    if escaped.startswith("~~~"):
        # A fence of tildes opens a code block, and "~" has no backslash escape.
        escaped = "&#126;" + escaped[1:]
    match = _BLOCK_START.match(escaped)
    if match:
        indent, marker = match.groups()
        if marker[0].isdigit():
            # "1984. A year..." would become a numbered list: escape the dot or bracket.
            cut = len(indent) + len(marker)
            return escaped[:cut] + "\\" + escaped[cut:]
        return indent + "\\" + escaped[len(indent) :]
    return escaped
