"""The import's own slugify is Pelican's, without loading Pelican."""

import subprocess
import sys

from hypothesis import example, given
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify

from crimebriefs.slugs import SLUG_REGEX_SUBSTITUTIONS, slugify
from tests.test_fuzz import PROPERTY, any_text

# Markup, entities, compatibility forms, accents, scripts unidecode spells out, and spacing of every kind.
tricky_text = st.lists(
    st.one_of(
        st.sampled_from(["<b>", "</i>", "<!-- x -->", "<", ">", "&amp;", "&lt;", "&eacute;", "&#39;", "ﬁ", "Ⅻ", "½"]),
        st.sampled_from(["É", "ñ", "ß", "İ", "Ω", "東京", "Привет", "\u00a0", "\u2009", "\t", "\n", "-", "_", "'"]),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=40,
).map("".join)


def test_the_substitutions_are_pelicans_defaults():
    assert [tuple(pair) for pair in DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]] == list(SLUG_REGEX_SUBSTITUTIONS)


@PROPERTY
@given(st.one_of(any_text, tricky_text))
@example("Título: ¿qué? <em>Ecuador</em> &amp; Perú — 2015")
@example("  --Ünïcödé  ﬁ½ <!-- hidden --> end-- ")
def test_slugify_gives_what_pelicans_slugify_gives(text):
    assert slugify(text) == pelican_slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def test_making_slugs_does_not_load_pelican():
    code = (
        "import sys, crimebriefs.slugs, crimebriefs.rendering; print(any(m.startswith('pelican') for m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "False"
