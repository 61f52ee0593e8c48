"""Brief → the Markdown file written to ``content/briefs/``: YAML front matter and body."""

import re

import yaml

from crimebriefs.escape import escape_block, escape_inline
from crimebriefs.model import Block, Brief, Heading, Paragraph, SeeAlso, Status, Structured

# libyaml's safe dumper writes the same YAML as PyYAML's, ten times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# A tag can go into Pelican's {tag} link only if nothing in it ends the URL early.
_LINKABLE_TAG = re.compile(r"^[^<>#?\n\\]+$")


def render_block(block: Block) -> str:
    """One body block as Markdown."""
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
    """Fields as a YAML header between ``---`` lines, in the order given."""
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
