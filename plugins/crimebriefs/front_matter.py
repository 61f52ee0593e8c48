"""A brief file → its front-matter fields, each with the line it is on, read as Pelican reads them."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from crimebriefs.errors import FrontMatterError

# libyaml composes ten times faster than PyYAML's own parser; both give the same nodes.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DELIMITER = "---"
# pelican-yaml-metadata ends the header at "---" or YAML's document end marker.
CLOSERS = ("---", "...")

# What a YAML parser complains of → what a contributor should do about it.
YAML_HINTS = (
    ("mapping values are not allowed", 'a value that contains ": " must be in quotes; other lines are "name: value"'),
    ("unexpected end of stream", "a quote opened here is never closed"),
    ("undefined alias", 'a value that starts with "*" or "&" must be in quotes'),
    ("expected ',' or ']'", 'a list in brackets must end with "]"; or write one "- item" line per item'),
    ("expected ',' or '}'", 'a value that starts with "{" must be in quotes'),
    ("could not find expected ':'", 'every line is "name: value"; a long value stays on one line, in quotes'),
)
DEFAULT_HINT = "check the quotes, colons and indentation on this line"


@dataclass(frozen=True)
class Field:
    """One ``name: value`` line of the front matter."""

    name: str
    """The name in lower case, as Pelican reads it."""
    value: object
    """The value as YAML reads it; the text as written when YAML cannot make it a value (a bad date)."""
    line: int
    """The line of the file the name is on, from 1."""
    unreadable: bool = False
    """True when YAML took the value for a date or number it could not build."""


@dataclass
class BriefFile:
    """A brief's front matter, field by field, and where its parts are."""

    path: Path
    fields: dict[str, Field] = field(default_factory=dict)
    repeated: list[tuple[Field, Field]] = field(default_factory=list)
    """Fields given twice: (the first, the later one). Pelican keeps the later one."""
    close_line: int = 1
    """The line of the ``---`` that ends the front matter: where a missing field goes."""
    body: list[str] = field(default_factory=list)
    """The lines after the front matter."""
    body_line: int = 1
    """The file line of the body's first line."""

    def value(self, name: str) -> object:
        found = self.fields.get(name)
        return None if found is None else found.value


def read_brief(path: Path) -> BriefFile:
    """Read a brief's front matter; :class:`FrontMatterError` says why it cannot be read at all."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FrontMatterError(
            line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on this line); save it as UTF-8"
        ) from exc
    return parse_brief(path, text)


def parse_brief(path: Path, text: str) -> BriefFile:
    """The front matter of a brief's text."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start < len(lines) and lines[start] != DELIMITER and lines[start].strip() == DELIMITER:
        raise FrontMatterError(start + 1, 'the line "---" must have nothing before or after it; remove the spaces')
    if start == len(lines) or lines[start] != DELIMITER:
        raise FrontMatterError(
            start + 1 if start < len(lines) else 1,
            'no front matter: the file must start with a line "---", then the fields, then another "---"',
        )
    end = next((i for i in range(start + 1, len(lines)) if lines[i] in CLOSERS), None)
    if end is None:
        raise FrontMatterError(start + 1, 'the front matter is never closed; add a line "---" after the last field')
    first = start + 2  # the file line of the front matter's first line
    brief = BriefFile(path, close_line=end + 1, body=lines[end + 1 :], body_line=end + 2)
    header = "\n".join(lines[start + 1 : end])
    constructor = yaml.constructor.SafeConstructor()
    for name_node, value_node in _mapping(header, first):
        _add_field(brief, constructor, name_node, value_node, first)
    return brief


def _mapping(header: str, first: int) -> list[tuple[yaml.Node, yaml.Node]]:
    try:
        root = yaml.compose(header, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(exc, header, first) from exc
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        what = "a list" if isinstance(root, yaml.SequenceNode) else "a line of text"
        raise FrontMatterError(
            root.start_mark.line + first, f'the front matter is {what}; it must be "name: value" lines'
        )
    return root.value


def _yaml_problem(exc: yaml.MarkedYAMLError, header: str, first: int) -> FrontMatterError:
    mark = exc.problem_mark or exc.context_mark
    header_lines = header.split("\n")
    # At the end of the text the parser has run past the mistake; where it began is more use.
    if exc.context_mark is not None and (mark is None or mark.line >= len(header_lines) - 1):
        mark = exc.context_mark
    index = mark.line if mark is not None else 0
    offending = header_lines[index] if index < len(header_lines) else ""
    problem = exc.problem or exc.context or "unreadable"
    if "\t" in offending:
        hint = "indent with spaces; YAML does not allow tabs"
    else:
        hint = next((hint for clue, hint in YAML_HINTS if clue in problem), DEFAULT_HINT)
    return FrontMatterError(index + first, f"the front matter is not valid YAML: {problem} ({hint})")


def _add_field(
    brief: BriefFile,
    constructor: yaml.constructor.SafeConstructor,
    name_node: yaml.Node,
    value_node: yaml.Node,
    first: int,
) -> None:
    line = name_node.start_mark.line + first
    try:
        name = str(constructor.construct_object(name_node, deep=True)).strip().lower()
    except (ValueError, yaml.YAMLError):
        name = str(getattr(name_node, "value", "")).strip().lower()
    try:
        found = Field(name, constructor.construct_object(value_node, deep=True), line)
    except (ValueError, yaml.YAMLError):
        # YAML takes 2015-13-01 for a date and fails to build it; the rules report the text.
        found = Field(name, value_node.value if isinstance(value_node, yaml.ScalarNode) else None, line, True)
    if name in brief.fields:
        brief.repeated.append((brief.fields[name], found))
    brief.fields[name] = found
