"""Lines are cleaned as the regular expressions of the scraped text's spacing say, whatever shortcut is taken."""

import random
import re
import sys

from crimebriefs.escape import collapse_spaces
from crimebriefs.parse import clean_line, text_lines

SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
SPACING = [c for c in map(chr, range(sys.maxunicode + 1)) if SPACES.match(c) or INVISIBLE.match(c)]


def cleaned(text: str) -> str:
    return SPACES.sub(" ", INVISIBLE.sub("", text)).strip()


def test_every_kind_of_spacing_and_invisible_character_is_cleaned_as_the_definition_says():
    draw = random.Random(7)
    alphabet = [*SPACING, "a", "b", " ", "é", "’"]
    for _ in range(20_000):
        text = "".join(draw.choices(alphabet, k=draw.randint(0, 10)))
        assert clean_line(text) == cleaned(text), repr(text)
        assert collapse_spaces(text) == " ".join(text.split()), repr(text)


def test_a_page_s_lines_are_numbered_and_cleaned_one_by_one():
    page = "Title  with\tspaces\r\n\u200bBody\u00a0line\u2028after a separator\n \n\x1fend "
    expected = [(n, cleaned(line)) for n, line in enumerate(page.splitlines(), 1) if cleaned(line)]
    assert [(line.number, line.text) for line in text_lines(page)] == expected
    assert [(line.number, line.text) for line in text_lines("plain ascii\n\nsecond line ")] == [
        (1, "plain ascii"),
        (3, "second line"),
    ]
