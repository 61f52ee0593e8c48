"""The reuse terms of a brief: whom to credit, where the original is, and under which licence.

A republished brief (one with ``source``) credits its publisher in the byline, links to the
original before its first paragraph and again after its last, and names its licence with a
link to the deed. A contributor's brief carries the site's own licence and nothing else.
"""

from dataclasses import dataclass

from markupsafe import Markup, escape

from crimebriefs.licenses import deed_url, is_noncommercial
from crimebriefs.read import is_url

# The values each sentence of the wording takes, and must show.
PLACEHOLDERS = {
    "by": ("names",),
    "and": (),
    "origin": ("publisher",),
    "license": ("license",),
    "own_license": ("license",),
    "noncommercial": (),
}
FRONT_MATTER_FIELDS = ("source", "publisher", "publisher_url", "license", "license_url")


@dataclass(frozen=True)
class Wording:
    """The attribution's sentences in one language; ``{name}`` marks where a value goes."""

    by: str
    """The byline credit: ``By {names}``, the names being the authors and the publisher."""
    and_: str
    """The word between the last two authors (``and``)."""
    origin: str
    """The text of the link to the original: ``Originally published by {publisher}``."""
    license: str
    """The licence of a republished brief: ``Republished under the {license} license.``"""
    own_license: str
    """The licence of a contributor's brief: ``Published under the {license} license.``"""
    noncommercial: str
    """The notice under a non-commercial licence: ``Reuse is for non-commercial purposes only.``"""

    @classmethod
    def from_setting(cls, sentences: dict[str, str]) -> "Wording":
        return cls(**{("and_" if key == "and" else key): sentences[key] for key in PLACEHOLDERS})


@dataclass(frozen=True)
class AttributionSettings:
    """The ``CRIMEBRIEFS_*`` settings of attribution, checked."""

    publisher: str
    """Who first published a republished brief whose front matter names no publisher."""
    publisher_url: str | None
    """That publisher's home page."""
    license: str
    """The licence of a republished brief whose front matter names none."""
    license_url: str
    """Its deed."""
    site_license: str
    """The licence of contributors' briefs."""
    site_license_url: str | None
    """Its deed, if it has one."""
    wording: dict[str, Wording]
    """Language code → the attribution's sentences in that language."""
    default_lang: str
    """The site's language, whose wording serves briefs in a language without one."""
    enforce: bool
    """Refuse briefs that cannot carry their attribution and fail on audit misses, not just warn."""

    def wording_for(self, lang: str | None) -> Wording:
        return self.wording.get(lang or "") or self.wording.get(self.default_lang) or self.wording["en"]


@dataclass(frozen=True)
class Attribution:
    """How one brief credits its origin, resolved from its front matter and the settings."""

    license: str
    """The licence's name (``CC BY-NC 4.0``)."""
    license_url: str | None
    """The licence's deed; None for a licence without one."""
    wording: Wording
    """The sentences, in the brief's language."""
    publisher: str | None = None
    """Who first published it; None for a contributor's brief."""
    publisher_url: str | None = None
    """The publisher's home page, when known."""
    original: str | None = None
    """The original's URL; None for a contributor's brief, or a republished one whose URL is unknown."""
    authors: tuple[str, ...] = ()
    """The authors named in the front matter."""

    @property
    def republished(self) -> bool:
        return self.publisher is not None

    @property
    def noncommercial(self) -> bool:
        return is_noncommercial(self.license, self.license_url)

    @property
    def byline(self) -> str | None:
        """``By Sam Tabory, InSight Crime``: the authors, then the publisher unless it is one of them."""
        if self.publisher is None:
            return None
        names = list(self.authors)
        joined = ", ".join(names[:-1]) + f" {self.wording.and_} " + names[-1] if len(names) > 1 else "".join(names)
        if self.publisher.casefold() not in {name.casefold() for name in names}:
            joined = f"{joined}, {self.publisher}" if joined else self.publisher
        return self.wording.by.format(names=joined)

    @property
    def origin_text(self) -> str | None:
        return None if self.publisher is None else self.wording.origin.format(publisher=self.publisher)

    @property
    def notice(self) -> str | None:
        """The non-commercial notice, for republished briefs under a non-commercial licence."""
        return self.wording.noncommercial if self.republished and self.noncommercial else None


def resolve(metadata: dict, lang: str | None, settings: AttributionSettings) -> tuple[Attribution, list[str]]:
    """A brief's attribution from its front matter, and what in it is wrong (empty when nothing is)."""
    problems = [
        f"{key} must be text, not {metadata[key]!r}"
        for key in FRONT_MATTER_FIELDS
        if metadata.get(key) is not None and not isinstance(metadata[key], str)
    ]
    given = {key: _text(metadata.get(key)) for key in FRONT_MATTER_FIELDS}
    source, publisher = given["source"], given["publisher"]
    if source is not None and not is_url(source):
        problems.append(f'source "{source}" is not an http(s) URL')
        source = None
    if publisher is not None and given["source"] is None:
        problems.append(
            f'publisher "{publisher}" but no source: add the original\'s URL as source (the reuse terms '
            "require links to it), remove publisher if the brief is your own, or keep it out with status: draft"
        )
    republished = given["source"] is not None or publisher is not None
    publisher = publisher or (settings.publisher if republished else None)
    license, license_url, license_problems = _license(given["license"], given["license_url"], republished, settings)
    problems.extend(license_problems)
    publisher_url = given["publisher_url"] or (settings.publisher_url if publisher == settings.publisher else None)
    attribution = Attribution(
        license=license,
        license_url=license_url,
        wording=settings.wording_for(lang),
        publisher=publisher,
        publisher_url=publisher_url if republished else None,
        original=source,
        authors=tuple(str(author) for author in _authors(metadata)),
    )
    return attribution, problems


def _license(
    name: str | None, url: str | None, republished: bool, settings: AttributionSettings
) -> tuple[str, str | None, list[str]]:
    default_name, default_url = (
        (settings.license, settings.license_url) if republished else (settings.site_license, settings.site_license_url)
    )
    name = name or default_name
    deed = deed_url(name)
    problems = []
    if url is not None and not is_url(url):
        problems.append(f'license_url "{url}" is not an http(s) URL')
        url = None
    elif url is not None and deed is not None and url != deed:
        problems.append(f'license_url "{url}" is not the deed of {name} ({deed})')
    url = url or (default_url if name == default_name else deed)
    if republished and url is None:
        problems.append(
            f'license "{name}" has no deed to link to: add license_url, '
            'or name a Creative Commons licence such as "CC BY-NC 4.0"'
        )
    return name, url, problems


def _text(value) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _authors(metadata: dict) -> list:
    # Pelican gives an author-less article the site's AUTHOR; only the front matter's names are credits.
    if "authors" in metadata:
        return list(metadata["authors"])
    return [metadata["author"]] if "author" in metadata else []


# The blocks are put together with f-strings, every value escaped: Markup.format does the same, several times slower.


def top_html(attribution: Attribution) -> Markup:
    """The block before the first paragraph: the byline credit and the link to the original."""
    return Markup(
        '<p class="crimebriefs-attribution crimebriefs-attribution-top" data-pagefind-ignore>'
        f'<span class="crimebriefs-byline">{escape(attribution.byline)}</span> · {_origin(attribution)}</p>'
    )


def bottom_html(attribution: Attribution) -> Markup:
    """The block after the last paragraph: the original again and the licence, or the site's own licence."""
    wording = attribution.wording
    if not attribution.republished:
        sentence = escape(wording.own_license).format(license=_license_link(attribution))
        return Markup(
            f'<p class="crimebriefs-attribution crimebriefs-attribution-license" data-pagefind-ignore>{sentence}</p>'
        )
    sentences = [_origin(attribution) + ".", escape(wording.license).format(license=_license_link(attribution))]
    if attribution.notice:
        sentences.append(escape(attribution.notice))
    return Markup(
        '<p class="crimebriefs-attribution crimebriefs-attribution-bottom" data-pagefind-ignore>'
        f"{' '.join(sentences)}</p>"  # each sentence is Markup already
    )


def _origin(attribution: Attribution) -> Markup:
    if attribution.original is None:
        return Markup(f'<span class="crimebriefs-original">{escape(attribution.origin_text)}</span>')
    return Markup(
        f'<a class="crimebriefs-original" href="{escape(attribution.original)}">{escape(attribution.origin_text)}</a>'
    )


def _license_link(attribution: Attribution) -> Markup:
    if attribution.license_url is None:
        return escape(attribution.license)
    return Markup(f'<a rel="license" href="{escape(attribution.license_url)}">{escape(attribution.license)}</a>')
