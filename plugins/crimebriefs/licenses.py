"""Creative Commons licence names and their deeds, so a brief can name a licence without its URL."""

import re

# The six Creative Commons licences, in the order of elements their names always use.
_CC_LICENSE = re.compile(
    r"^CC[ -](BY|BY-SA|BY-ND|BY-NC|BY-NC-SA|BY-NC-ND)[ -](1\.0|2\.0|2\.5|3\.0|4\.0)$", re.IGNORECASE
)
_CC0 = re.compile(r"^CC0(?:[ -]1\.0)?$", re.IGNORECASE)


def deed_url(name: str) -> str | None:
    """The deed of a Creative Commons licence given by name (``CC BY-NC 4.0``); None for other names."""
    name = " ".join(name.split())
    if _CC0.match(name):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    match = _CC_LICENSE.match(name)
    if match is None:
        return None
    elements, version = match.groups()
    return f"https://creativecommons.org/licenses/{elements.lower()}/{version}/"


def is_noncommercial(name: str, url: str | None) -> bool:
    """Whether the licence allows non-commercial reuse only (the ``NC`` element)."""
    tokens = re.split(r"[\s-]+", name.upper())
    return "NC" in tokens or bool(url and re.search(r"/licenses/by-nc", url))
