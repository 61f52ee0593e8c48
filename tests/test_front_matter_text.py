"""The YAML header written without YAML's own writer is, byte for byte, what YAML writes."""

import datetime
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crimebriefs.markdown_file import _dumped, front_matter_text

PROPERTY = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# What YAML treats specially, wherever it stands, with letters, digits and the odd character between.
TRICKY = [
    *"-?:#,[]{}&*!|>'\"%@`~=<. \t\n\r\\/_+",
    "\x85", "\xa0", "\u2028", "\u2029", "\ufeff", "\x00", "\x1f", "\x7f", "\ud800", "\U0001f600", "é", "’", "—",
]  # fmt: skip
WORDS = ["yes", "No", "on", "OFF", "null", "~", "true", "1e3", "0x1F", "12", "1_000", "2015-09-22", ".inf", "<<", "="]
text = st.one_of(
    st.text(st.sampled_from([*TRICKY, *"aZ09"]), max_size=12),
    st.lists(st.sampled_from([*WORDS, "Drug Policy", "a", " ", ": ", " #", "-", "?"]), max_size=4).map("".join),
    st.text(max_size=20),
)
value = st.one_of(
    text, st.lists(text, max_size=3), st.dates(min_value=datetime.date(1, 1, 1)), st.integers(), st.booleans()
)


@PROPERTY
@given(st.dictionaries(st.one_of(st.sampled_from(["title", "date", "tags", "authors"]), text), value, max_size=5))
def test_any_fields_give_the_header_yaml_writes(fields):
    assert outcome(front_matter_text, fields) == outcome(_dumped, fields)


def outcome(write, fields) -> str:
    """The header, or the error YAML gives for what it cannot write (a lone surrogate)."""
    try:
        return write(fields)
    except (yaml.YAMLError, UnicodeError) as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Ecuador Shifts Security Focus to Microtrafficking", "date": datetime.date(2015, 9, 22)},
        {"authors": ["Sam Tabory", "Douwe den Held"], "tags": ["Microtrafficking", "Ecuador"]},
        {"source": "https://insightcrime.org/news/brief/a-b/", "summary": "A sentence. Another one, with a colon:x."},
        {"title": "¿Quién gana? Análisis — “El Chapo” y la DEA", "lang": "es"},
    ],
)
def test_the_fields_of_real_briefs_are_written_without_yaml_and_read_back_the_same(fields, monkeypatch):
    import crimebriefs.markdown_file as markdown_file

    monkeypatch.setattr(markdown_file, "_dumped", lambda fields: pytest.fail("left to YAML"))
    text = front_matter_text(fields)
    assert yaml.safe_load(text.strip("-\n")) == fields
