"""What counts as a source URL: an absolute http(s) URL, as urlsplit reads it, whichever way it is checked."""

from urllib.parse import urlsplit

from hypothesis import example, given
from hypothesis import strategies as st

from crimebriefs.read import is_url
from tests.test_fuzz import PROPERTY, any_text

url_like = st.builds(
    "".join,
    st.lists(
        st.one_of(
            st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "http:", "//", "http:///", "mailto:"]),
            st.sampled_from(["insightcrime.org", "[::1]", "[x", "a b", "ex%41.com", "é.org", ":80", ":", ":x", "@"]),
            st.sampled_from(["/", "?", "#", "/news/brief/", "?q=1&r=2", "#top", "\t", "\n", " ", "\\", "[", "]"]),
            any_text,
        ),
        max_size=6,
    ),
)


def by_urlsplit(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


@PROPERTY
@given(st.one_of(url_like, any_text))
@example("https://insightcrime.org/news/brief/ecuador-shifts-focus/")
@example("http://insightcrime.org:")
@example("http://[::1/x")
@example("https://insight crime.org/")
@example("https:///path-only")
def test_a_url_is_one_by_urlsplit_whichever_way_it_is_checked(value):
    assert is_url(value) == by_urlsplit(value)
