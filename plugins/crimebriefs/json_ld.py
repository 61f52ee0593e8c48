"""A brief as schema.org ``NewsArticle`` data, for the JSON-LD a theme puts in the page's head."""

from markupsafe import Markup

from crimebriefs.attribution import Attribution


def news_article(article, attribution: Attribution, settings: dict) -> dict:
    """The article's JSON-LD: who wrote it, who published it first, where, when, and under which licence."""
    siteurl = settings.get("SITEURL") or ""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _plain(article.title),
        "datePublished": article.date.isoformat(),
        "inLanguage": article.lang,
    }
    if siteurl:
        data["url"] = f"{siteurl}/{article.url}"
    if getattr(article, "modified", None):
        data["dateModified"] = article.modified.isoformat()
    if "summary" in article.metadata:
        data["description"] = _plain(article.metadata["summary"])
    if getattr(article, "tags", None):
        data["keywords"] = [str(tag) for tag in article.tags]
    data["author"] = [_party(name, attribution.publisher) for name in _author_names(article, attribution)]
    if attribution.republished:
        data["publisher"] = _organization(attribution.publisher, attribution.publisher_url)
    else:
        data["publisher"] = _organization(_plain(settings["SITENAME"]), siteurl or None)
    if attribution.original:
        data["isBasedOn"] = attribution.original
    data["license"] = attribution.license_url or attribution.license
    return data


def _author_names(article, attribution: Attribution) -> list[str]:
    if attribution.authors:
        return list(attribution.authors)
    if attribution.republished:
        return [attribution.publisher]
    return [str(author) for author in getattr(article, "authors", ())]


def _party(name: str, publisher: str | None) -> dict:
    if publisher is not None and name.casefold() == publisher.casefold():
        return {"@type": "Organization", "name": name}
    return {"@type": "Person", "name": name}


def _organization(name: str, url: str | None) -> dict:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def _plain(html: str) -> str:
    """Text without tags or entities: titles and summaries are HTML in Pelican."""
    return Markup(str(html)).striptags()
