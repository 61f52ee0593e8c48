"""Capitals on the page → natural case on the site (``GENDER AND CRIME`` → ``Gender and Crime``)."""

import re

from crimebriefs.sources import SourceRules, derived


def _word_case(word: str) -> str:
    """One word in capitals → capitalised, minding ``Mc``, apostrophes and hyphens."""
    if "-" in word:
        return "-".join(_word_case(part) for part in word.split("-"))
    for apostrophe in ("'", "’"):
        head, sep, tail = word.partition(apostrophe)
        if sep and len(head) == 1 and tail:  # O'NEILL, D'AMATO
            return head.upper() + sep + _word_case(tail)
    lower = word.lower()
    if lower.startswith("mc") and len(word) > 3:
        return "Mc" + word[2:3].upper() + word[3:].lower()
    return lower[:1].upper() + lower[1:]


def _natural(text: str, rules: SourceRules, small_words: frozenset[str]) -> str:
    words = text.split()
    out = []
    for index, word in enumerate(words):
        if word.upper() in rules.acronyms:
            out.append(word.upper())
        elif index > 0 and word.lower() in small_words:
            out.append(word.lower())
        else:
            out.append(_word_case(word))
    result = " ".join(out)
    for pattern, spelling in derived(rules, _fixed_spellings):
        result = pattern.sub(spelling, result)
    return result


def _fixed_spellings(rules: SourceRules) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each fixed spelling's pattern and spelling."""
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(capitals)}(?!\w)", re.IGNORECASE), spelling)
        for capitals, spelling in rules.fixed_spellings.items()
    )


def label_case(text: str, rules: SourceRules) -> str:
    """A topic, region or unit: ``EL CHAPO`` → ``El Chapo``, ``GENDER AND CRIME`` → ``Gender and Crime``."""
    if not text.isupper():
        return text  # already in the writer's own case
    return _natural(text, rules, rules.minor_words)


def name_case(text: str, rules: SourceRules) -> str:
    """A person or organisation: ``DOUWE DEN HELD`` → ``Douwe den Held``."""
    if not text.isupper():
        return text
    return _natural(text, rules, rules.name_particles)
