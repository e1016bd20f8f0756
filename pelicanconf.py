"""Development settings: `make build` and `make serve` use these."""

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
# The site's own plugins share helpers (plugins/site_helpers/) by import.
sys.path.insert(0, str(_HERE / "plugins"))

from pelican.plugins.quiz.toolkit.located_yaml import SourceError  # noqa: E402
from pelican.plugins.quiz.toolkit.source_files import display_path, line_of_text  # noqa: E402

from tools.livereload_csp import livereload_script_hash  # noqa: E402

AUTHOR = "After the No"
SITENAME = "After the No"
SITESUBTITLE = "Talking to someone after they turned you down"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# Articles need a `date`: a date from file times would change with every checkout.
DEFAULT_DATE = None

PATH = str(_HERE / "content")
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Files under content/extra/ are published at the site root (plugins/site_files,
# SITE_FILES_EXTRA): content/extra/keybase.txt becomes /keybase.txt.
STATIC_PATHS = ["extra", "images"]
IGNORE_FILES = [".#*", "*~", "*.swp"]
OUTPUT_PATH = str(_HERE / "output")
# Kept when a build replaces output/: a gh-pages worktree's .git, a hand-made CNAME.
OUTPUT_RETENTION = [".git", "CNAME"]
THEME = str(_HERE / "theme")

# The site's own plugins live in plugins/; "quiz" is the pelican-quiz distribution, installed
# into .venv like any other (plugins/pelican-quiz) and found by Pelican under pelican.plugins.
PLUGIN_PATHS = [str(_HERE / "plugins")]
PLUGINS = [
    "quiz",
    "mdit_reader",
    "content_guard",
    "site_files",
    "pagefind_index",
    "url_cache",
    "incremental",
]



def reading_order(article):
    """Articles in the order of their `order` front matter field; any without one go last."""
    order = getattr(article, "order", 10**6)
    if isinstance(order, bool) or not isinstance(order, int):
        # Pelican would report the failed sort with this function's address and no file.
        raise SourceError(
            display_path(article.source_path, article.settings["PATH"]),
            line_of_text(article.source_path, "order:"),
            f"'order' must be a whole number (the article's place in the reading order), "
            f"not {order!r}",
        )
    return (order, article.slug)


ARTICLE_ORDER_BY = reading_order
DEFAULT_PAGINATION = False
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "search", "404"]

ARTICLE_URL = "{slug}.html"
ARTICLE_SAVE_AS = "{slug}.html"
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = "{slug}.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DEFAULT_CATEGORY = "Advice"
# content/articles/ is where articles live, not a category readers should see.
USE_FOLDER_AS_CATEGORY = False

# No feeds while developing.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Markdown through our reader, and no other reader: Pelican's HTML reader publishes <script>
# verbatim, reST's raw and include directives likewise, and .mkd/.mdown go to Python-Markdown.
READERS = {"html": None, "htm": None, "rst": None, "mkd": None, "mdown": None}
# Should reST ever be read (the quiz's `.. quiz::` directive works there), no raw HTML and no
# files from the machine.
DOCUTILS_SETTINGS = {"raw_enabled": False, "file_insertion_enabled": False}

# Fast rebuilds while serving: reuse what the readers produced for unchanged files.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = str(_HERE / "cache")
# Compressing the cache costs a 1,000-article rebuild a third of a second; disk is cheap.
GZIP_CACHE = False

RELATIVE_URLS = False

# The markdown-it-py reader: see plugins/mdit_reader. The quiz plugin's markdown-it rule gives
# it the {quiz} fence.
MARKDOWN_IT = {"plugins": ["pelican.plugins.quiz.embed.mdit_fence:quiz_fence"]}

# Content-Security-Policy written into every page. The dev server (livereload) injects one
# inline script; its hash is allowed here and only here, never in publishconf.py.
CSP_SCRIPT_HASHES = [livereload_script_hash()]

# Theme: the quiz linked from the header, the index and every article (its title and page
# come from the quiz plugin), and the widget's assets placed in <head> by the theme.
FEATURED_QUIZ = "ready-to-reach-out"
QUIZ_ASSETS_IN_CONTENT = False
INDEX_INTRO_SLUG = "welcome"
# "If it gets too much": linked from the footer of every page, not from the nav.
HELP_PAGE_SLUG = "help"

# Autoescape: titles and other plain-text fields are escaped; HTML that our reader rendered
# (content, summary) is marked `|safe` in the templates, and nothing else is.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
