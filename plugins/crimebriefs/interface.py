"""The words the theme shows around a brief, in the brief's language, and its dates written out.

Pelican would localize dates through the system's locales, which a fresh machine often lacks;
the few words a brief page needs are kept here instead, as data.
"""

import datetime

WORDS = {
    "en": {
        "language": "English",
        "by": "By",
        "and": "and",
        "tags": "Tags",
        "authors": "Authors",
        "more_on": "More on {topic}",
        "older": "Older",
        "newer": "Newer",
        "related": "Related briefs",
    },
    "es": {
        "language": "Español",
        "by": "Por",
        "and": "y",
        "tags": "Etiquetas",
        "authors": "Autores",
        "more_on": "Más sobre {topic}",
        "older": "Anterior",
        "newer": "Siguiente",
        "related": "Notas relacionadas",
    },
}

MONTHS = {
    "en": (
        ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"),
        "{day} {month} {year}",
    ),
    "es": (
        ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"),
        "{day} de {month} de {year}",
    ),
}  # fmt: skip

FALLBACK = "en"


def words(lang: str | None) -> dict[str, str]:
    """The interface words for a language; English for a language the theme does not speak."""
    return WORDS.get(lang or FALLBACK, WORDS[FALLBACK])


def long_date(date: datetime.date, lang: str | None = None) -> str:
    """``9 August 2021`` or ``9 de agosto de 2021``."""
    months, pattern = MONTHS.get(lang or FALLBACK, MONTHS[FALLBACK])
    return pattern.format(day=date.day, month=months[date.month - 1], year=date.year)
