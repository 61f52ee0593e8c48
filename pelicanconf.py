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
PLUGINS = ["crimebriefs"]
# Every CRIMEBRIEFS_* setting, with its default (see plugins/crimebriefs/settings.py).
CRIMEBRIEFS_IMPORT = True
CRIMEBRIEFS_RAW_PATH = "raw"
CRIMEBRIEFS_BRIEFS_PATH = "briefs"

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

# Drafts are written nowhere: a draft is not part of the site, even at an unlisted URL.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""

DEFAULT_PAGINATION = 20
# Page 2 of /topics/x/ is /topics/x/page/2/: a name can never collide with another's page.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds are for the published site (publishconf.py); none while previewing.
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
