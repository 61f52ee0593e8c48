"""Shared paths and helpers for the tests."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DUMPS = REPO.parent / "shared" / "dumps"
VARIANTS = SHARED_DUMPS / "variants"
SAMPLE_DIR = REPO / "content" / "raw"
SAMPLE_PAGE = SAMPLE_DIR / "000_1a1af36754ae01df.txt"

# A brief as a contributor writes it, with every required field.
GOOD_BRIEF = """---
title: Ecuador Shifts Security Focus
date: 2015-09-22
topic: Drug Policy
authors:
- Sam Tabory
---

Ecuador's authorities say they are shifting their security focus.
"""


@pytest.fixture
def variants() -> Path:
    if not VARIANTS.is_dir():
        pytest.skip("../shared/dumps/variants is not beside this checkout")
    return VARIANTS
