"""Links between briefs: the older and newer brief on the same topic, and a few related briefs.

Each brief gets three attributes the theme reads: ``older_in_topic``, ``newer_in_topic`` (a
brief or None) and ``related`` (a list, best first).
"""

import heapq
from collections import defaultdict

WINDOW = 25
"""Related briefs are looked for among this many briefs either side in time of each shared topic
or tag: nearby coverage is the most relevant, and the work stays linear in the number of briefs."""


def link_briefs(articles: list, related: int) -> None:
    """Set the neighbours in topic and up to ``related`` related briefs on every article."""
    newest_first = sorted(articles, key=lambda a: a.date, reverse=True)
    groups = defaultdict(list)
    for article in newest_first:
        for key in _keys(article):
            groups[key].append(article)
    positions = {key: {id(a): i for i, a in enumerate(group)} for key, group in groups.items()}
    for article in newest_first:
        topic = groups.get(("topic", article.category)) if getattr(article, "category", None) else None
        i = positions[("topic", article.category)][id(article)] if topic else None
        article.newer_in_topic = topic[i - 1] if topic and i > 0 else None
        article.older_in_topic = topic[i + 1] if topic and i + 1 < len(topic) else None
        article.related = _related(article, groups, positions, related)


def _keys(article) -> list[tuple[str, object]]:
    keys = [("tag", tag) for tag in getattr(article, "tags", None) or ()]
    if getattr(article, "category", None):
        keys.append(("topic", article.category))
    return keys


def _related(article, groups, positions, count: int) -> list:
    """Briefs sharing the most topics and tags with ``article``, the closest in time first."""
    if count == 0:
        return []
    shared, briefs = {}, {}
    for key in _keys(article):
        group, i = groups[key], positions[key][id(article)]
        for other in group[max(0, i - WINDOW) : i + WINDOW + 1]:
            shared[id(other)] = shared.get(id(other), 0) + 1
            briefs[id(other)] = other
    for shown in (article, article.newer_in_topic, article.older_in_topic):
        shared.pop(id(shown), None)
    date = article.date
    return heapq.nsmallest(
        count, (briefs[key] for key in shared), key=lambda o: (-shared[id(o)], abs(o.date - date), o.slug)
    )
