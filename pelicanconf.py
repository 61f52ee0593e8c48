"""Settings for building the site locally: ``pelican content`` or ``make html``."""

AUTHOR = "Crime Briefs"
SITENAME = "Crime Briefs"
SITESUBTITLE = "Organised crime and security, brief by brief"
SITEURL = ""

PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "America/Guayaquil"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %B %Y"

# Briefs are articles; the raw dump is read by the plugin only, never by Pelican itself.
ARTICLE_PATHS = ["briefs"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
IGNORE_FILES = [".*"]
USE_FOLDER_AS_CATEGORY = False
SLUGIFY_SOURCE = "basename"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["crimebriefs", "sitemap"]
# Every CRIMEBRIEFS_* setting, with its default (see plugins/crimebriefs/settings.py).
CRIMEBRIEFS_IMPORT = True
CRIMEBRIEFS_RAW_PATH = "raw"
CRIMEBRIEFS_BRIEFS_PATH = "briefs"
# Credit and licence of republished briefs (those with `source`), unless their front matter says otherwise.
CRIMEBRIEFS_PUBLISHER = "InSight Crime"
CRIMEBRIEFS_PUBLISHER_URL = "https://insightcrime.org/"
CRIMEBRIEFS_LICENSE = "CC BY-NC 4.0"
CRIMEBRIEFS_LICENSE_URL = "https://creativecommons.org/licenses/by-nc/4.0/"
# The licence of your contributors' briefs; None as URL finds a Creative Commons deed from the name.
CRIMEBRIEFS_SITE_LICENSE = "CC BY-NC 4.0"
CRIMEBRIEFS_SITE_LICENSE_URL = None
# The attribution's sentences per language, laid over the defaults sentence by sentence, e.g.
# CRIMEBRIEFS_ATTRIBUTION_WORDING = {"en": {"origin": "First published by {publisher}"}}
# Warn here; publishconf.py turns it on so that the published site stops at any miss.
CRIMEBRIEFS_ENFORCE_ATTRIBUTION = False
CRIMEBRIEFS_LANGUAGES = ("en", "es")
CRIMEBRIEFS_SUMMARY_LENGTH = 300
CRIMEBRIEFS_STRICT = False  # publishconf.py: True
CRIMEBRIEFS_SEARCH = True
CRIMEBRIEFS_SEARCH_PART = 500
CRIMEBRIEFS_RELATED = 3
# Briefs are read and pages rendered by one process per CPU core; 1 keeps everything in one process.
CRIMEBRIEFS_PROCESSES = None

THEME = "theme"
CSS_FILE = "crimebriefs.css"

# Directory-style URLs: /briefs/<slug>/ and friends; Spanish briefs live beside English ones.
ARTICLE_URL = ARTICLE_LANG_URL = "briefs/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "briefs/{slug}/index.html"
PAGE_URL = PAGE_LANG_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "topics/{slug}/"
CATEGORY_SAVE_AS = "topics/{slug}/index.html"
CATEGORIES_URL = "topics/"
CATEGORIES_SAVE_AS = "topics/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
INDEX_URL = ""

# Pages made from a theme template alone: the search page and robots.txt beside the usual ones.
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "search", "robots"]
TEMPLATE_EXTENSIONS = [".html", ".txt"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
ROBOTS_SAVE_AS = "robots.txt"
SITEMAP = {"format": "xml", "exclude": [r"^search/", r"^robots\.txt$"]}

# Drafts are written nowhere: a draft is not part of the site, even at an unlisted URL.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "author": None, "period_archives": None}
# Page 2 of /topics/x/ is /topics/x/page/2/: a name can never collide with another's page.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds are for the published site (publishconf.py), where their links can be absolute;
# none while previewing.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

RELATIVE_URLS = True

# The preview (make devserver) caches what it reads; a file counts as changed when its bytes do,
# since a git checkout gives every file a new modification time.
CHECK_MODIFIED_METHOD = "md5"
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = True
