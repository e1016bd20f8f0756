# A site as pelican-quickstart writes it, with the quiz plugin added: Pelican's own readers
# (Python-Markdown and reStructuredText), Pelican's metadata, a built-in theme.
AUTHOR = "A stranger"
SITENAME = "Someone else's site"
SITEURL = ""

PATH = "content"

TIMEZONE = "Europe/Rome"

DEFAULT_LANG = "en"

# Feed generation is usually not desired when developing
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10

# Uncomment following line if you want document-relative URLs when developing
RELATIVE_URLS = True

PLUGINS = ["quiz"]
