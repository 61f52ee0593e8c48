"""What the search index is made of: one record per published brief, written to a file for the indexer.

A record is the brief's URL and a small HTML document holding what the brief page gives
Pagefind: the language, the ``title``, ``kind`` and ``lang`` meta, the ``topic`` filter and the
body. The file's digest says whether anything the index is made of changed since the last build.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from markupsafe import escape


@dataclass(frozen=True)
class SearchRecord:
    url: str
    """Where the brief is, from the site's root: ``/briefs/<slug>/``, as Pagefind names the page."""
    html: str
    """The document Pagefind reads in place of the brief page."""


# The brief page's data-pagefind-* attributes (theme/templates/article.html), around its body only.
# The title and the body are HTML already, as the page shows them; the rest is text.
def brief_record(article, default_lang: str) -> SearchRecord:
    """The record of a brief: its body as read, before anything else is put into it."""
    lang = escape(article.lang or default_lang)
    kind = getattr(article, "kind", None)
    kind = f'<span data-pagefind-meta="kind">{escape(kind)}</span> ' if kind else ""
    topic = f'<span data-pagefind-filter="topic">{escape(article.category)}</span>' if article.category else ""
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>'
        f'<article data-pagefind-meta="lang:{lang}"><p>{kind}{topic}</p>'
        f'<h1 data-pagefind-meta="title">{article.title}</h1>\n'
        f"<div data-pagefind-body>\n{article._content}\n</div></article></body></html>"
    )
    return SearchRecord(url="/" + article.url, html=html)


def write_records(records: Iterable[SearchRecord], path: Path) -> str:
    """Write the records to ``path``, one JSON line each; return the digest of the index they make."""
    digest = hashlib.sha256()
    # The same records make another index under another Pagefind.
    digest.update(f"pagefind {version('pagefind')} {version('pagefind_bin')}\n".encode())
    with path.open("wb") as file:
        for record in records:
            line = json.dumps({"url": record.url, "html": record.html}, ensure_ascii=False).encode() + b"\n"
            digest.update(line)
            file.write(line)
    return digest.hexdigest()
