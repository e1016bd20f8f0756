"""Plain Pelican for the comparison: its default Python-Markdown reader and default theme, no
plugins (PLUGINS = [] stops Pelican loading installed namespace plugins), no cache."""

SITENAME = "Plain Pelican"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["articles"]
PLUGINS = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
