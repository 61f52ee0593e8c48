"""What the search index is made of: one record per published brief, written to a file for the indexer.

A record is the brief's URL and a small HTML document holding what the brief page gives
Pagefind: the language, the ``title``, ``kind`` and ``lang`` meta, the ``topic`` filter and the
body. The file's digest says whether anything the index is made of changed since the last build.
"""

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace

from markupsafe import escape
from pelican.utils import slugify


@dataclass(frozen=True)
class SearchRecord:
    url: str
    """Where the brief is, from the site's root: ``/briefs/<slug>/``, as Pagefind names the page."""
    html: str
    """The document Pagefind reads in place of the brief page."""


# The brief page's data-pagefind-* attributes (theme/templates/article.html), around its body only.
# The title and the body are HTML already, as the page shows them; the rest is text.
def brief_record(article, default_lang: str, url: str | None = None) -> SearchRecord:
    """The record of a brief: its body as read, before anything else is put into it; at ``url``, else its own."""
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
    return SearchRecord(url="/" + (article.url if url is None else url), html=html)


URL_FIELDS = re.compile(r"{(\w+)")


def predicted_record(source_path: str, front: dict, content: str, settings: dict) -> list[SearchRecord] | None:
    """The record a brief will have once Pelican has read it, told from its front matter and body alone.

    ``[]`` when it will have none (it is not published), None when the front matter cannot tell
    (a URL made of its date, say). With these records the index can start before Pelican has
    read the briefs; the build compares them with the records of the briefs as read, and starts
    the index again when they differ.
    """
    if str(front.get("status", "published")).strip().lower() != "published":
        return []
    default_lang = settings["DEFAULT_LANG"].lower()
    lang, title, topic = front.get("lang", default_lang), front.get("title"), front.get("topic")
    slug = front.get("slug")
    if not isinstance(lang, str) or not isinstance(title, str) or "category" in front:
        return None
    prefix = "ARTICLE" if lang == default_lang else "ARTICLE_LANG"
    if not settings[f"{prefix}_SAVE_AS"]:
        return []
    url = settings[f"{prefix}_URL"]
    if not set(URL_FIELDS.findall(url)) <= {"slug", "lang"}:
        return None
    if slug is None:
        # As Pelican names a brief that does not name itself.
        if settings["SLUGIFY_SOURCE"] == "basename":
            name = os.path.basename(os.path.splitext(source_path)[0])
        elif settings["SLUGIFY_SOURCE"] == "title":
            name = title
        else:
            return None
        slug = slugify(
            name,
            regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        )
    brief = SimpleNamespace(
        url=url.format(slug=slug, lang=lang),
        lang=lang,
        kind=front.get("kind"),
        category=str(topic).strip() if topic else None,
        title=escape(title),
        _content=content,
    )
    return [brief_record(brief, settings["DEFAULT_LANG"])]


def cached_record(source_path: str, cached, settings: dict) -> list[SearchRecord] | None:
    """The record of a brief Pelican will take from its readers' cache, told from what the cache holds
    (its HTML and its metadata as the reader gave them), as :func:`predicted_record` tells it."""
    if not (isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[1], dict)):
        return None
    content, metadata = cached
    # The metadata's title is HTML already, the topic became the category: both as the front matter would give them.
    front = {key: metadata[key] for key in ("status", "lang", "title", "slug", "kind") if key in metadata}
    if metadata.get("category") is not None:
        front["topic"] = str(metadata["category"])
    return predicted_record(source_path, front, content, settings)


def write_records(records: Iterable[SearchRecord], path: Path | None) -> str:
    """Write the records to ``path`` (if any), one JSON line each; return the digest of the index they make."""
    digest = hashlib.sha256()
    # The same records make another index under another Pagefind.
    digest.update(f"pagefind {version('pagefind')} {version('pagefind_bin')}\n".encode())
    with path.open("wb") if path is not None else contextlib.nullcontext() as file:
        for record in records:
            line = json.dumps({"url": record.url, "html": record.html}, ensure_ascii=False).encode() + b"\n"
            digest.update(line)
            if file is not None:
                file.write(line)
    return digest.hexdigest()
