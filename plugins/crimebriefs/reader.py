"""Pelican's reader for briefs: Markdown with YAML front matter, read as articles."""

import logging
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from pelican.contents import Category
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from crimebriefs.front_matter import LOADER

logger = logging.getLogger(__name__)


class BriefReader(YAMLMetadataReader):
    """YAML front matter as pelican-yaml-metadata reads it, plus what a brief means."""

    rejected: frozenset[Path] = frozenset()
    """Briefs with errors, set by the check at the start of each build; they are left out."""

    def read(self, source_path):
        if Path(source_path).resolve() in self.rejected:
            # Their problems are already reported; Pelican's own messages would only confuse.
            return "", {"status": "skip"}
        content, metadata = super().read(source_path)
        return content, self.brief_metadata(metadata, source_path)

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
