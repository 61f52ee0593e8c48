"""Where the tests find the repository and the shared dumps."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DUMPS = REPO.parent / "shared" / "dumps"
VARIANTS = SHARED_DUMPS / "variants"
SAMPLE_DIR = REPO / "content" / "raw"
SAMPLE_PAGE = SAMPLE_DIR / "000_1a1af36754ae01df.txt"
ARTEFACTS = REPO / "test-artefacts"
"""Screenshots and measurements for a person to review; not kept in git."""
