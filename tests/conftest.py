"""Shared paths and helpers for the tests."""

from pathlib import Path

import markdown
import pytest
from pelican.settings import DEFAULT_CONFIG

REPO = Path(__file__).resolve().parents[1]
SHARED_DUMPS = REPO.parent / "shared" / "dumps"
VARIANTS = SHARED_DUMPS / "variants"
SAMPLE_DIR = REPO / "content" / "raw"
SAMPLE_PAGE = SAMPLE_DIR / "000_1a1af36754ae01df.txt"


@pytest.fixture
def variants() -> Path:
    if not VARIANTS.is_dir():
        pytest.skip("../shared/dumps/variants is not beside this checkout")
    return VARIANTS


def pelican_markdown() -> markdown.Markdown:
    """Markdown set up as Pelican's reader sets it up: every configured extension loaded."""
    config = DEFAULT_CONFIG["MARKDOWN"]["extension_configs"]
    return markdown.Markdown(extensions=list(config), extension_configs=config)
