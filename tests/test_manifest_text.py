"""The import's record is written as JSON writes it, indented by one space, whatever its entries hold."""

import json

from hypothesis import given
from hypothesis import strategies as st

from crimebriefs.manifest import VERSION, Entry, Manifest
from tests.test_fuzz import PROPERTY, any_text

entries = st.dictionaries(
    any_text,
    st.builds(
        Entry,
        key=any_text,
        sha256=st.one_of(any_text, st.integers(), st.none()),
        raw=any_text,
        draft=st.one_of(st.none(), any_text),
        warnings=st.one_of(st.lists(any_text, max_size=3), st.lists(st.one_of(any_text, st.integers()), max_size=2)),
    ),
    max_size=6,
)


@PROPERTY
@given(entries)
def test_the_manifest_text_is_what_json_writes_indented_by_one(found):
    manifest = Manifest(path=None, entries=found)
    briefs = {
        name: {field: value for field in ("key", "sha256", "raw", "draft", "warnings") if (value := getattr(e, field))}
        for name, e in sorted(found.items())
    }
    assert manifest.dumps() == json.dumps({"version": VERSION, "briefs": briefs}, indent=1, ensure_ascii=False) + "\n"
