"""Production settings: `make publish` (SITEURL=https://user.github.io/repo make publish)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("http://", "https://")):
    raise SystemExit(
        "publishconf.py: SITEURL must be the absolute address the site is served from, e.g. "
        "SITEURL=https://user.github.io/repo make publish"
    )
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts (status: draft) are for `make build` and `make serve`; production never writes them.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# A custom domain for GitHub Pages (CNAME=advice.example.org make publish); none by default.
SITE_FILES_CNAME = os.environ.get("CNAME", "")

# A production build never reuses the development cache.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# No dev-server script in production: the policy is 'self' only.
CSP_SCRIPT_HASHES = []
