"""Settings for the published site: ``make publish`` (``pelican content -s publishconf.py``)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# Set from the command line: make publish SITEURL=https://user.github.io/repo
SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/topics/{slug}.atom.xml"

DELETE_OUTPUT_DIRECTORY = True

# The published site must honour the reuse terms of every republished brief: a brief that
# cannot carry its attribution stops the build, and the built pages are audited at the end.
CRIMEBRIEFS_ENFORCE_ATTRIBUTION = True
# A brief with errors stops the published build; while previewing it is only left out.
CRIMEBRIEFS_STRICT = True
