"""A saved page as a tree of elements and strings, shaped as BeautifulSoup's lxml builder shapes it.

BeautifulSoup makes a Python object with much bookkeeping for every element and string of a page;
on a saved article page that was most of the import's time. This tree is built from the same
events of the same lxml parser by the same rules (``BeautifulSoup.endData`` and its neighbours): a
string of spaces alone is one space, or one newline, outside ``<pre>`` and ``<textarea>``; a string
inside ``<script>``, ``<style>``, ``<template>``, ``<rt>`` or ``<rp>`` is of that element's kind; a
comment, processing instruction or doctype is a string of its own kind that splits the text around
it. Removing and unwrapping elements leaves the strings around them apart, as BeautifulSoup does.
So whatever is decided on this tree is what BeautifulSoup's tree of the page would give, and an
element that becomes Markdown is handed to markdownify as BeautifulSoup (:func:`to_soup`).
"""

import weakref
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag
from bs4.builder import HTMLTreeBuilder, builder_registry
from bs4.element import Comment, Doctype, NavigableString, PreformattedString, ProcessingInstruction
from lxml import etree

DOCUMENT = BeautifulSoup.ROOT_TAG_NAME
"""The name of the node above the ``<html>`` element, as BeautifulSoup names it."""
STRING_KINDS = HTMLTreeBuilder.DEFAULT_STRING_CONTAINERS
"""Elements whose strings are of a kind of their own: ``script`` → ``Script``, ``rt`` → ``RubyTextString``…"""
_PRESERVING = HTMLTreeBuilder.DEFAULT_PRESERVE_WHITESPACE_TAGS
_SPACES = BeautifulSoup.ASCII_SPACES
_BUILDER = builder_registry.lookup("lxml")()
"""What ``BeautifulSoup(markup, "lxml")`` builds with: which attributes are lists of words, and the like."""
# markdownify reads a list item's list (for its number) and a table row's table (is it the header?).
_CONTEXT_LEVELS = {"li": 1, "tr": 2}


class Text:
    """A string of the page; ``kind`` is the BeautifulSoup class it would be (``Comment``, ``Script``…)."""

    __slots__ = ("kind", "value")
    name = None

    def __init__(self, value: str, kind: type[NavigableString]):
        self.value, self.kind = value, kind

    @property
    def is_prose(self) -> bool:
        """Whether it is text of the page, rather than a comment, processing instruction or doctype."""
        return not issubclass(self.kind, PreformattedString)


class Element:
    """An element of the page, or the document above ``<html>`` (named :data:`DOCUMENT`).

    An element holds what is inside it, and only a weak link to its parent: keep the document while
    using its elements.
    """

    __slots__ = ("__weakref__", "_parent", "attrs", "children", "name", "removed", "sourceline")

    def __init__(self, name: str, attrs: dict[str, str], parent: "Element | None"):
        self.name, self.attrs = name, attrs
        self.parent = parent
        self.children: list[Element | Text] = []
        self.sourceline: int | None = None
        """The element's line in the markup, when known."""
        self.removed = False
        """Whether it was removed, with or inside another element."""

    # The link up is weak, so a tree holds no cycle: it is freed as soon as it is done with, rather than
    # by the cycle collector, whose passes cost more the more pages have been read.
    @property
    def parent(self) -> "Element | None":
        return self._parent() if self._parent is not None else None

    @parent.setter
    def parent(self, element: "Element | None") -> None:
        self._parent = weakref.ref(element) if element is not None else None

    def get(self, name: str) -> str | None:
        """An attribute's value as the page writes it (``class`` too is one string)."""
        return self.attrs.get(name)

    @property
    def descendants(self) -> Iterator["Element | Text"]:
        """Every element and string inside, in document order."""
        stack = [iter(self.children)]
        while stack:
            for node in stack[-1]:
                yield node
                if node.name is not None:
                    stack.append(iter(node.children))
                    break
            else:
                stack.pop()

    def elements(self) -> list["Element"]:
        """Every element inside, in document order."""
        return [node for node in self.descendants if node.name is not None]

    def find(self, name: str) -> "Element | None":
        return next((node for node in self.descendants if node.name == name), None)

    @property
    def parents(self) -> Iterator["Element"]:
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent

    def _strings(self) -> Iterator[str]:
        # BeautifulSoup's get_text(): the strings of the element's own kind, so not those of a <script> or
        # <rt> inside an ordinary element, nor comments.
        kind = STRING_KINDS.get(self.name, NavigableString)
        return (node.value for node in self.descendants if node.name is None and node.kind is kind)

    def get_text(self) -> str:
        return "".join(self._strings())

    def stripped_strings(self) -> Iterator[str]:
        return (stripped for text in self._strings() if (stripped := text.strip()))

    @property
    def string(self) -> str | None:
        """The one string inside, as BeautifulSoup's ``.string``: ``None`` unless the element holds exactly one
        child, a string or an element holding one."""
        if len(self.children) != 1:
            return None
        child = self.children[0]
        return child.value if child.name is None else child.string

    def set_text(self, text: str) -> None:
        """Replace everything inside with one string."""
        self.children = [Text(text, NavigableString)]

    def decompose(self) -> None:
        """Remove the element and everything inside it."""
        siblings = self.parent.children
        del siblings[_index(siblings, self)]
        self.removed = True
        for node in self.descendants:
            if node.name is not None:
                node.removed = True

    def unwrap(self) -> None:
        """Put what the element holds in its place."""
        parent = self.parent
        for child in self.children:
            if child.name is not None:
                child.parent = parent
        siblings = parent.children
        at = _index(siblings, self)
        siblings[at : at + 1] = self.children
        self.children = []

    def wrap(self, nodes: list["Element | Text"], name: str) -> "Element":
        """Move ``nodes``, children of this element, into a new element in the place of the first."""
        wrapper = Element(name, {}, self)
        moving = {id(node) for node in nodes}
        children = []
        for child in self.children:
            if child is nodes[0]:
                children.append(wrapper)
            if id(child) not in moving:
                children.append(child)
        self.children = children
        for node in nodes:
            if node.name is not None:
                node.parent = wrapper
        wrapper.children = list(nodes)
        return wrapper


def _index(nodes: list[Element | Text], node: Element) -> int:
    """Where ``node`` is among ``nodes``: by identity, as equal strings or empty elements are different nodes."""
    return next(index for index, each in enumerate(nodes) if each is node)


class _Builder:
    """The lxml parser's target, doing with its events what BeautifulSoup's lxml builder does."""

    def __init__(self):
        self.document = Element(DOCUMENT, {}, None)
        self.open = [self.document]
        self.counts: dict[str, int] = {}
        """How many elements of each name are open."""
        self.pending: list[str] = []
        """The pieces of the string being read."""
        self.preserving = 0
        """Open elements that keep the spaces of their strings."""
        self.kinds: list[Element] = []
        """Open elements whose strings are of their own kind, the innermost last."""

    def start(self, name: str, attrs, nsmap=None) -> None:
        if self.pending:
            self._end_string()
        parent = self.open[-1]
        element = Element(name, dict(attrs), parent)
        parent.children.append(element)
        self.open.append(element)
        self.counts[name] = self.counts.get(name, 0) + 1
        if name in _PRESERVING:
            self.preserving += 1
        if name in STRING_KINDS:
            self.kinds.append(element)

    def end(self, name: str) -> None:
        if self.pending:
            self._end_string()
        # Up to and including the latest open element of that name; nothing when none is open.
        if not self.counts.get(name):
            return
        while True:
            element = self.open.pop()
            self.counts[element.name] -= 1
            if element.name in _PRESERVING:
                self.preserving -= 1
            if self.kinds and element is self.kinds[-1]:
                self.kinds.pop()
            if element.name == name:
                return

    def data(self, data: str) -> None:
        self.pending.append(data)

    def comment(self, text: str) -> None:
        self._string(text, Comment)

    def pi(self, target: str, data: str) -> None:
        self._string(target + " " + data, ProcessingInstruction)

    def doctype(self, name: str, pubid: str, system: str) -> None:
        self._string(str(Doctype.for_name_and_ids(name, pubid, system)), Doctype)

    def close(self) -> Element:
        self._end_string()
        document = self.document
        # lxml's parser and its target hold each other until the cycle collector passes: let go of the tree.
        self.document, self.open, self.kinds = None, [], []
        return document

    def _string(self, value: str, kind: type[NavigableString]) -> None:
        self._end_string()
        self.pending.append(value)
        self._end_string(kind)

    def _end_string(self, kind: type[NavigableString] = NavigableString) -> None:
        if not self.pending:
            return
        value = "".join(self.pending)
        self.pending = []
        if not self.preserving and not value.strip(_SPACES):
            value = "\n" if "\n" in value else " "
        if self.kinds and kind is NavigableString:
            kind = STRING_KINDS[self.kinds[-1].name]
        self.open[-1].children.append(Text(value, kind))


def parse_html(markup: str) -> Element:
    """The page's tree, from the document down."""
    if markup.startswith("\N{BYTE ORDER MARK}"):
        markup = markup[1:]
    parser = etree.HTMLParser(target=_Builder(), recover=True)
    parser.feed(markup)
    return parser.close()


def to_soup(element: Element) -> Tag:
    """A copy of ``element`` in BeautifulSoup, with what markdownify reads around it: a list item's list,
    a table row's table, and whether a ``<pre>`` holds it."""
    context = element
    for _ in range(_CONTEXT_LEVELS.get(element.name, 0)):
        context = context.parent or context
    copies: dict[int, Tag] = {}
    top = _copy(context, copies)
    if any(parent.name == "pre" for parent in context.parents):
        Tag(builder=_BUILDER, name="pre").append(top)
    return copies[id(element)]


def _copy(element: Element, copies: dict[int, Tag]) -> Tag:
    tag = Tag(builder=_BUILDER, name=element.name, attrs=_BUILDER.attribute_dict_class(element.attrs))
    copies[id(element)] = tag
    for child in element.children:
        tag.append(child.kind(child.value) if child.name is None else _copy(child, copies))
    return tag
