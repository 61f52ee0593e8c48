"""The attribution audit: does every built page of a republished brief carry its reuse terms?

The build writes a manifest into the output folder: one entry per republished brief, with its
page and what must be on it. The audit reads only that manifest and the built pages, so it
judges what readers get, whatever the theme, and a page that lost its body (a broken
template, a hand edit) fails instead of going unnoticed.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from crimebriefs.errors import AuditError
from crimebriefs.files import write_atomic

MANIFEST_NAME = "crimebriefs-attribution.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Block:
    """A block of a brief's body, as the audit recognises it on the page."""

    tag: str
    """The element's name: ``p``, ``h2``, ``ul``..."""
    text: str
    """Its text, whitespace collapsed."""


@dataclass(frozen=True)
class Expected:
    """What one built page of a republished brief must show."""

    page: str
    """The page, relative to the output folder: ``briefs/<slug>/index.html``."""
    file: str
    """The brief it was built from, for messages."""
    original: str
    """The original's URL, to be linked before the first block of the body and after the last."""
    byline: str
    """The byline credit: ``By Sam Tabory, InSight Crime``."""
    license: str
    """The licence's name, the text of its link."""
    license_url: str
    """The licence's deed."""
    notice: str | None = None
    """The non-commercial notice, when the licence is non-commercial."""
    first: Block | None = None
    """The first block of the body; None for a brief without one."""
    last: Block | None = None
    """The last block of the body."""
    body: str = ""
    """A digest of the body's HTML, so that the next build need not find its first and last blocks again."""


@dataclass
class AuditReport:
    """The outcome of an audit."""

    output_dir: Path
    checked: int = 0
    """How many pages were checked."""
    failures: list[tuple[Expected, list[str]]] = field(default_factory=list)
    """Each failing page with what it misses."""

    def lines(self) -> list[str]:
        """A summary line, then one line per failing page."""
        pages = "page" if self.checked == 1 else "pages"
        lines = [f"{self.checked} republished {pages} checked, {len(self.failures)} failing"]
        for expected, misses in self.failures:
            page = self.output_dir / expected.page
            lines.append(f"{page} (from {expected.file}): missing {'; '.join(misses)}")
        return lines


def collapse(text: str) -> str:
    return " ".join(text.split())


def body_ends(html: str) -> tuple[Block | None, Block | None]:
    """The first and last blocks with text of a body's HTML."""
    parts = lxml.html.fragments_fromstring(html) if html.strip() else []
    # Leading text comes as a string, comments as elements whose tag is not a name: neither is a block.
    elements = [el for el in parts if not isinstance(el, str) and isinstance(el.tag, str)]
    blocks = [block for block in (Block(el.tag, collapse(el.text_content())) for el in elements) if block.text]
    return (blocks[0], blocks[-1]) if blocks else (None, None)


def body_digest(html: str) -> str:
    return hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def known_ends(output_dir: Path) -> dict[str, tuple[Block | None, Block | None]]:
    """The first and last blocks of the bodies the last build's manifest lists, by the digest of each body."""
    try:
        entries = read_manifest(output_dir)
    except AuditError:
        return {}
    return {entry.body: (entry.first, entry.last) for entry in entries if entry.body}


def write_manifest(output_dir: Path, entries: list[Expected]) -> None:
    output_dir.mkdir(parents=True, exist_ok=True)
    data = {"version": MANIFEST_VERSION, "pages": [entry_data(entry) for entry in entries]}
    # One line: with an indent, json writes in Python rather than in C, several times slower.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    write_atomic(output_dir / MANIFEST_NAME, text.encode("utf-8"))


def entry_data(entry: Expected) -> dict:
    """An entry as the manifest holds it (``dataclasses.asdict`` copies every value deeply, and slowly)."""
    data = dict(vars(entry))
    for end in ("first", "last"):
        if data[end] is not None:
            data[end] = dict(vars(data[end]))
    return data


def read_manifest(output_dir: Path) -> list[Expected]:
    path = output_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AuditError(
            f"{path}: not found; build the site with the crimebriefs plugin (make html) before auditing it"
        ) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AuditError(f"{path}: unreadable ({exc}); build the site again") from exc
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        raise AuditError(f"{path}: written by another version of crimebriefs; build the site again")
    try:
        return [
            Expected(**{**entry, "first": _block(entry.get("first")), "last": _block(entry.get("last"))})
            for entry in data["pages"]
        ]
    except (KeyError, TypeError) as exc:
        raise AuditError(f"{path}: damaged ({exc}); build the site again") from exc


def _block(value: dict | None) -> Block | None:
    return None if value is None else Block(**value)


def expectations(output_dir: Path) -> dict[str, Expected]:
    """The manifest's entries by page; none when the build wrote no manifest (no republished brief, or no plugin)."""
    if not (output_dir / MANIFEST_NAME).is_file():
        return {}
    return {expected.page: expected for expected in read_manifest(output_dir)}


_checked_while_writing: dict[Path, dict[str, list[str]]] = {}
"""Output folder → page → its misses, for the pages the build audited as it wrote them."""


def record_checked(output_dir: Path, checked: dict[str, list[str]]) -> None:
    """Remember pages audited from their text as they were written, so the audit need not read them again."""
    _checked_while_writing.setdefault(output_dir.resolve(), {}).update(checked)


def audit(output_dir: Path) -> AuditReport:
    """Check every page the manifest lists: from the disk, unless this build audited it as it wrote it."""
    report = AuditReport(output_dir)
    checked = _checked_while_writing.pop(output_dir.resolve(), {})
    for expected in read_manifest(output_dir):
        report.checked += 1
        misses = checked.get(expected.page)
        if misses is None:
            misses = check_page(output_dir / expected.page, expected)
        if misses:
            report.failures.append((expected, misses))
    return report


def check_page(path: Path, expected: Expected) -> list[str]:
    """What the page on disk misses of its attribution; empty when it has it all."""
    try:
        data = path.read_bytes()
    except OSError:
        return ["the page itself (it was not built)"]
    return check_html(data, expected)


HIDING = ("script", "style", "template", "textarea", "title", "noscript")
"""Elements whose text a reader never sees as the page's text."""


def shows_verbatim(page: str, content: str) -> bool:
    """Whether ``page`` shows ``content`` exactly as it is, outside comments and hidden elements.

    The attribution is in an article's content, so a page that shows the content whole shows
    the attribution, and the audit need not parse it. Any doubt is left to :func:`check_html`.
    """
    at = page.find(content)
    if not content.strip() or at < 0:
        return False
    before = page[:at].lower()
    if before.rfind("<!--") > before.rfind("-->"):
        return False
    return all(before.rfind(f"<{tag}") <= before.rfind(f"</{tag}") for tag in HIDING)


def check_html(data: bytes, expected: Expected) -> list[str]:
    """What a page's HTML misses of its attribution."""
    # lxml rather than BeautifulSoup: thirty times faster, and the audit runs on every build.
    root = lxml.html.document_fromstring(data or b"<html></html>", parser=_PARSER)
    body = root.find("body")
    body = root if body is None else body
    etree.strip_elements(body, "script", "style", "template", with_tail=False)
    text = collapse(body.text_content())
    elements = list(body.iter(etree.Element))
    misses = []
    if expected.byline not in text:
        misses.append(f'the byline credit "{expected.byline}"')
    misses.extend(_original_links(elements, expected))
    if not any(el.tag == "a" and el.get("href") == expected.license_url and
               expected.license in collapse(el.text_content()) for el in elements):  # fmt: skip
        misses.append(f'the licence link "{expected.license}" to {expected.license_url}')
    if expected.notice and expected.notice not in text:
        misses.append(f'the notice "{expected.notice}"')
    return misses


_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def _original_links(elements: list, expected: Expected) -> list[str]:
    """Whether the original is linked before the body's first block and after its last."""
    links = [i for i, el in enumerate(elements) if el.tag == "a" and el.get("href") == expected.original]
    if expected.first is None or expected.last is None:
        return [] if links else [f"a link to the original {expected.original}"]
    lasts = [i for i, el in enumerate(elements) if _is(el, expected.last)]
    if not lasts:
        return [f"the body (its last {expected.last.tag} is not on the page)"]
    last = lasts[-1]
    # The body's first block is the one nearest before its last: a summary repeated above it is not the body.
    firsts = [i for i, el in enumerate(elements[: last + 1]) if _is(el, expected.first)]
    if not firsts:
        return [f"the body (its first {expected.first.tag} is not on the page)"]
    first = firsts[-1]
    end = last + sum(1 for _ in elements[last].iterdescendants(etree.Element))
    misses = []
    if not any(i < first for i in links):
        misses.append(f"the link to the original {expected.original} before the first paragraph")
    if not any(i > end for i in links):
        misses.append(f"the link to the original {expected.original} after the last paragraph")
    return misses


def _is(element, block: Block) -> bool:
    return element.tag == block.tag and collapse(element.text_content()) == block.text
