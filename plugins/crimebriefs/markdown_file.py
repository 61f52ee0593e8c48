"""Brief → the Markdown file written to ``content/briefs/``: YAML front matter and body."""

import datetime
import functools
import re

import yaml

from crimebriefs.escape import escape_block, escape_inline
from crimebriefs.model import Block, Brief, Heading, Paragraph, SeeAlso, Status, Structured

# libyaml's safe dumper writes the same YAML as PyYAML's, ten times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# A tag can go into Pelican's {tag} link only if nothing in it ends the URL early.
_LINKABLE_TAG = re.compile(r"^[^<>#?\n\\]+$")

# Text YAML writes as it is, unquoted, whatever the emitter (libyaml's or PyYAML's): it starts with a letter,
# a digit, "(" or a character beyond ASCII; it holds only printable characters (no line breaks, U+2028 and
# U+2029 included), single spaces between words, no " #" (a comment) and no ": " (a key). What YAML would
# read as another type (a date, a number, "yes") is quoted, and is left to YAML to write.
_PLAIN = re.compile(
    r"(?![\x00-\x27\x29-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f])"  # not an indicator, a space or a control
    r"[\x21-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd ]+"
)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_TYPED_STARTS = (
    frozenset(start for start in _RESOLVER.yaml_implicit_resolvers if start)
    if None not in _RESOLVER.yaml_implicit_resolvers
    else None
)
"""The first characters of the values YAML may read as another type than text (a number, a date, "yes")."""
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_LONGEST_PLAIN = 4000
"""Far below the line width given to YAML, so that it never folds a value that is written here."""


def render_block(block: Block) -> str:
    """One body block as Markdown."""
    if type(block) is Paragraph:  # the most common, first
        return block.markdown if block.markdown is not None else escape_block(block.text)
    if isinstance(block, Heading):
        return "#" * block.level + " " + escape_inline(block.text)
    if isinstance(block, SeeAlso):
        label = escape_inline(block.label)
        name = escape_inline(block.tag)
        if _LINKABLE_TAG.match(block.tag):
            return f"*{label}:* [{name}](<{{tag}}{block.tag}>)"
        return f"*{label}:* {name}"
    if isinstance(block, Paragraph):
        return block.markdown if block.markdown is not None else escape_block(block.text)
    if isinstance(block, Structured):
        return block.markdown
    raise TypeError(f"not a body block: {block!r}")


def render_body(blocks: list[Block]) -> str:
    """The whole body: blocks separated by blank lines."""
    return "\n\n".join(render_block(block) for block in blocks)


def front_matter(brief: Brief) -> dict:
    """The brief's fields as they go into the YAML header, unknown ones left out."""
    fields = {
        "title": brief.title,
        "date": brief.date,
        "topic": brief.topic,
        "authors": list(brief.authors),
        "kind": brief.kind,
        "lang": brief.lang,
        "tags": list(brief.tags),
        # Pelican renders a summary as Markdown, so it is escaped like the body.
        "summary": escape_block(brief.summary) if brief.summary else None,
        "source": brief.source_url,
        "publisher": brief.publisher,
        "license": brief.license,
    }
    if brief.status is Status.DRAFT:
        fields["status"] = "draft"
        fields["review"] = brief.review
    return {key: value for key, value in fields.items() if value not in (None, [], "")}


def front_matter_text(fields: dict) -> str:
    """Fields as a YAML header between ``---`` lines, in the order given.

    The common case (text, dates and lists of text that need no quotes) is written here, exactly
    as YAML writes it and ten times faster; anything else is left to YAML.
    """
    if not fields:
        return _dumped(fields)
    lines = []
    for key, value in fields.items():
        if not _is_plain(key):
            return _dumped(fields)
        if isinstance(value, list) and value and all(_is_plain(item) for item in value):
            lines.append(f"{key}:")
            lines.extend(f"- {item}" for item in value)
        elif isinstance(value, str) and _is_plain(value):
            lines.append(f"{key}: {value}")
        elif type(value) is datetime.date and _resolved(value.isoformat()) == _TIMESTAMP:
            lines.append(f"{key}: {value.isoformat()}")
        else:
            return _dumped(fields)
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n"


def _is_plain(value) -> bool:
    return isinstance(value, str) and _is_plain_text(value)


# The field names and many values (publisher, licence, language, kind, topics) recur in every brief.
@functools.lru_cache(maxsize=4096)
def _is_plain_text(value: str) -> bool:
    return (
        len(value) < _LONGEST_PLAIN
        and _PLAIN.fullmatch(value) is not None
        and "  " not in value
        and not value.endswith((" ", ":"))
        and ": " not in value
        and " #" not in value
        and _resolved(value) == _STR
    )


def _resolved(value: str) -> str:
    if value and _TYPED_STARTS is not None and value[0] not in _TYPED_STARTS:
        return _STR
    return _resolved_by_yaml(value)


# Every brief has a date, and a dump's dates recur: YAML's look at one costs more than the rest of its header line.
@functools.lru_cache(maxsize=4096)
def _resolved_by_yaml(value: str) -> str:
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


def _dumped(fields: dict) -> str:
    header = yaml.dump(
        fields,
        Dumper=_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return f"---\n{header}---\n"


def render_file(brief: Brief) -> str:
    """The complete file text."""
    return f"{front_matter_text(front_matter(brief))}\n{render_body(brief.blocks)}\n"
