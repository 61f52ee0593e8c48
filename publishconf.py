"""Settings for the published site: ``make publish SITEURL=https://USER.github.io/REPO``.

Everything in pelicanconf.py holds, except what a public site needs differently: absolute
URLs under SITEURL (which may end in a sub-path), feeds, and the files GitHub Pages reads.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# Given on the command line (make publish SITEURL=...) or by the GitHub Pages workflow.
SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    sys.exit(
        f"publishconf.py: SITEURL must be the address the site will be served at, not {SITEURL!r}; "
        "for example: make publish SITEURL=https://USER.github.io/REPO"
    )
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/topics/{slug}.atom.xml"

# Start from an empty output/, so nothing from a preview build (or a former draft) is published.
DELETE_OUTPUT_DIRECTORY = True

# The published site must honour the reuse terms of every republished brief: a brief that
# cannot carry its attribution stops the build, and the built pages are audited at the end.
CRIMEBRIEFS_ENFORCE_ATTRIBUTION = True
# A brief with errors stops the published build; while previewing it is only left out.
CRIMEBRIEFS_STRICT = True
CRIMEBRIEFS_NOJEKYLL = True
# A custom domain served by GitHub Pages from a branch, e.g. "briefs.example.org" (see README).
CRIMEBRIEFS_CNAME = ""
