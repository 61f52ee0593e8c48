"""Links between briefs: the older and newer brief on the same topic, and a few related briefs.

Each brief gets three attributes the theme reads: ``older_in_topic``, ``newer_in_topic`` (a
brief or None) and ``related`` (a list, best first).
"""

import heapq
from collections import Counter, defaultdict
from datetime import timedelta

WINDOW = 25
"""Related briefs are looked for among this many briefs either side in time of each shared topic
or tag: nearby coverage is the most relevant, and the work stays linear in the number of briefs."""
MICROSECOND = timedelta(microseconds=1)


def link_briefs(articles: list, related: int) -> None:
    """Set the neighbours in topic and up to ``related`` related briefs on every article."""
    # Briefs are numbered newest first; each topic and tag is the list of its briefs' numbers.
    newest_first = sorted(articles, key=lambda a: a.date, reverse=True)
    groups: dict[tuple[str, object], list[int]] = defaultdict(list)
    places: list[list[tuple[list[int], int]]] = []
    """For each brief, each of its groups and its place in it."""
    for number, article in enumerate(newest_first):
        keys, place = _keys(article), {}
        for key in keys:
            group = groups[key]
            place[key] = len(group)  # a key given twice (a tag in two spellings) counts from its last place
            group.append(number)
        places.append([(groups[key], place[key]) for key in keys])
    # Distances in time, as whole microseconds: exactly as timedeltas order them, at a fraction of the cost.
    oldest = newest_first[-1].date if newest_first else None
    times = [(article.date - oldest) // MICROSECOND for article in newest_first]
    for number, article in enumerate(newest_first):
        newer = older = None
        if getattr(article, "category", None):
            topic, place = places[number][-1]  # the topic is an article's last key
            newer = topic[place - 1] if place > 0 else None
            older = topic[place + 1] if place + 1 < len(topic) else None
        article.newer_in_topic = newest_first[newer] if newer is not None else None
        article.older_in_topic = newest_first[older] if older is not None else None
        article.related = (
            [
                newest_first[other]
                for other in _related(number, places[number], (newer, older), times, newest_first, related)
            ]
            if related
            else []
        )


def _keys(article) -> list[tuple[str, object]]:
    keys = [("tag", tag) for tag in getattr(article, "tags", None) or ()]
    if getattr(article, "category", None):
        keys.append(("topic", article.category))
    return keys


def _related(number: int, where: list, shown: tuple, times: list[int], briefs: list, count: int) -> list[int]:
    """The numbers of the briefs sharing the most topics and tags with brief ``number``, the closest in time first."""
    shared: Counter[int] = Counter()
    for group, place in where:
        shared.update(group[max(0, place - WINDOW) : place + WINDOW + 1])
    for other in (number, *shown):
        shared.pop(other, None)
    # The most shared first; only the few briefs sharing the most are put in order by time and slug.
    by_share: dict[int, list[int]] = defaultdict(list)
    for other, share in shared.items():
        by_share[share].append(other)
    time, chosen = times[number], []
    for share in sorted(by_share, reverse=True):
        closest = heapq.nsmallest(
            count - len(chosen), by_share[share], key=lambda other: (abs(times[other] - time), briefs[other].slug)
        )
        chosen += closest
        if len(chosen) == count:
            break
    return chosen
