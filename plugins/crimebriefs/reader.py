"""Pelican's reader for briefs: Markdown with YAML front matter, read as articles."""

import logging
import re
from functools import cached_property
from pathlib import Path
from typing import ClassVar

import yaml
from markupsafe import Markup, escape
from pelican.contents import Category
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE, YAML_METADATA_PROCESSORS, YAMLMetadataReader

from crimebriefs.audit import Block, body_digest, body_ends
from crimebriefs.file_stamps import stamp_function
from crimebriefs.front_matter import LOADER
from crimebriefs.processes import map_forked, usable
from crimebriefs.search_records import SearchRecord, predicted_record

logger = logging.getLogger(__name__)

DATES = ("date", "modified")

PLAIN_PROSE = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;?!'\"()%/–—-])*(?<! )")
"""One line of words and plain punctuation, nothing Markdown marks up: most summaries."""
PROSE_PROBE = "Plain prose, in a summary; 'one' \"two\" (100%) / año—más–menos - three -- four... five? Six! 7"
PELICAN_EXTENSIONS = {"markdown.extensions.codehilite", "markdown.extensions.extra", "markdown.extensions.meta"}


class BriefReader(YAMLMetadataReader):
    """YAML front matter as pelican-yaml-metadata reads it, plus what a brief means."""

    rejected: frozenset[Path] = frozenset()
    """Briefs with errors, set by the check at the start of each build; they are left out."""
    prepared: ClassVar[dict[str, tuple[str, dict, dict]]] = {}
    """Briefs read ahead by :meth:`prepare`, by path: their HTML, front matter, and formatted fields and dates."""
    body_ends: ClassVar[dict[str, tuple[Block | None, Block | None]]] = {}
    """The first and last blocks of republished briefs read ahead, by the digest of their HTML, for the audit."""
    records: list[SearchRecord] | None = None
    """The search records of the briefs read ahead, when their front matter told them all."""
    stamps: ClassVar[dict[str, bytes]] = {}
    """Pelican's stamps of the briefs read ahead, by path, from the bytes they were read from."""

    def read(self, source_path):
        if self.rejected and Path(source_path).resolve() in self.rejected:
            # Their problems are already reported; Pelican's own messages would only confuse.
            return "", {"status": "skip"}
        prepared = self.prepared.pop(source_path, None)
        if prepared is None:
            content, metadata = super().read(source_path)
        else:
            content, front, formatted = prepared
            metadata = {**self._parse_yaml_metadata(front, source_path), **formatted}
        return content, self.brief_metadata(metadata, source_path)

    def prepare(self, paths: list[str], processes: int) -> None:
        """Turn the Markdown of many briefs into HTML at once, in up to ``processes`` processes.

        Pelican then reads each brief as usual, one after another, and :meth:`read` takes its
        HTML from here: what is left for Pelican's own process is the quick part.
        """
        results = map_forked(self._render, paths, usable(processes, len(paths)))
        self.prepared = {path: result[:3] for path, result in zip(paths, results, strict=True) if result is not None}
        self.stamps = {
            path: result[5] for path, result in zip(paths, results, strict=True) if result and result[5] is not None
        }
        self.body_ends = dict(result[3] for result in results if result is not None and result[3] is not None)
        told = all(result is not None and result[4] is not None for result in results)
        self.records = [record for result in results for record in result[4]] if told else None

    def _render(self, source_path: str) -> tuple[str, dict, dict, tuple | None, list | None, bytes | None] | None:
        """A brief's HTML, its other front matter, its formatted fields (the summary) as HTML and its
        dates as Pelican's, the ends of its body when it is republished, its search record as far
        as it can be told, and Pelican's stamp of the file (when it is a digest).

        None for a file that :meth:`read` must read itself, to report what is wrong with it.
        """
        with open(source_path, "rb") as handle:
            data = handle.read()
        text = data.decode("utf-8-sig")  # as Pelican opens it, line ends included
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        match = HEADER_RE.fullmatch(text)
        if not match:
            return None
        try:
            front = yaml.load(match.group("metadata"), Loader=LOADER)
        except Exception:  # noqa: BLE001 - read() reads it again and reports the error
            return None
        if not isinstance(front, dict) or not all(isinstance(name, str) for name in front):
            return None
        formatted, rest = {}, {}
        for name, value in front.items():
            if name.lower() in self.settings["FORMATTED_FIELDS"] and value is not None:
                # As pelican-yaml-metadata formats them: a list is joined, line by line.
                items = value if isinstance(value, list) else [value]
                text = "\n".join(str(item) for item in items if item is not None)
                formatted[name.lower()] = self.markdown_html(text)
            elif name.lower() in DATES and value is not None and not isinstance(value, list):
                # Pelican parses dates with dateutil, slowly: here, not one by one in its own process.
                try:
                    formatted[name.lower()] = YAML_METADATA_PROCESSORS[name.lower()](value, self.settings)
                except Exception:  # noqa: BLE001 - read() parses it again and reports the error
                    rest[name] = value
            else:
                rest[name] = value
        content = self._md.reset().convert(match.group("content"))
        ends = (body_digest(content), body_ends(content)) if rest.get("source") else None
        stamp = self.stamp_function(data) if self.stamp_function else None
        record = predicted_record(source_path, front, content, self.settings)
        return content, rest, formatted, ends, record, stamp

    def markdown_html(self, text: str) -> str:
        """Markdown's HTML for ``text``; a paragraph of plain prose without asking Markdown, which costs as much
        for one line as for a page."""
        if self.prose_is_paragraph and PLAIN_PROSE.fullmatch(text):
            return f"<p>{text}</p>"
        return self._md.reset().convert(text)

    @cached_property
    def stamp_function(self):
        return stamp_function(self.settings)

    @cached_property
    def prose_is_paragraph(self) -> bool:
        """Whether Markdown, with the extensions of this site, makes a paragraph of plain prose and nothing else."""
        extensions = self.settings["MARKDOWN"].get("extensions", [])
        if not all(isinstance(name, str) and name in PELICAN_EXTENSIONS for name in extensions):
            return False  # an extension of the site's own may well change words or punctuation
        return self._md.reset().convert(PROSE_PROBE) == f"<p>{PROSE_PROBE}</p>"

    def _load_yaml_metadata(self, text, source_path):
        """As pelican-yaml-metadata loads front matter, with libyaml's loader: reading is a tenth of a build."""
        try:
            metadata = yaml.load(text, Loader=LOADER)
        except Exception:  # a date YAML cannot make (month 13) is a ValueError, not a YAML error
            logger.exception("Error parsing YAML for file '%s'", source_path)
            return {}
        if not isinstance(metadata, dict):
            logger.error("YAML header didn't parse as a dict for file '%s'", source_path)
            return {}
        return self._parse_yaml_metadata(metadata, source_path)

    def brief_metadata(self, metadata: dict, source_path: str) -> dict:
        """``topic`` becomes the category; titles are made safe; incomplete drafts stay out."""
        topic = metadata.get("topic")
        if topic and "category" not in metadata:
            metadata["category"] = Category(str(topic).strip(), self.settings)
        title = metadata.get("title")
        if isinstance(title, str) and not isinstance(title, Markup):
            # Pelican's templates print titles unescaped; a title is text, so make it safe HTML.
            metadata["title"] = escape(title)
        if metadata.get("status") == "draft" and not ("title" in metadata and "date" in metadata):
            # Pelican would refuse it with a vague "could not find information about 'title'".
            logger.info(
                "crimebriefs draft: %s stays out of the site until an editor completes it: %s",
                source_path,
                metadata.get("review") or "it lacks a title or a date",
            )
            metadata["status"] = "skip"
        return metadata


def add_reader(readers) -> None:
    """``readers_init``: read ``.md`` (and Pelican's other Markdown extensions) as briefs."""
    for extension in BriefReader.file_extensions:
        readers.reader_classes[extension] = BriefReader
