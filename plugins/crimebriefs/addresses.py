"""Where each brief is on the site: its URL and its file, worked out once for the steps that end its reading."""

from weakref import WeakKeyDictionary

_known: WeakKeyDictionary = WeakKeyDictionary()


def url_and_file(article) -> tuple[str, str]:
    """The article's ``url`` and ``save_as``.

    Pelican formats both from its settings and the article's metadata on every call, working out
    the source file's relative path each time; the attribution and the search records each ask
    for them, for every brief of the site. Nothing between the end of
    reading and the pages being written changes what they are made of.
    """
    try:
        known = _known.get(article)
    except TypeError:  # not one of Pelican's content objects, which can be weakly referred to
        return article.url, article.save_as
    if known is None:
        known = _known[article] = (article.url, article.save_as)
    return known
