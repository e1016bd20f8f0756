# One site in two languages with Pelican's own translations (same slug, another lang): the
# English page holds the English quiz, its French translation the French one.
SITENAME = "Two languages"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
PLUGINS = ["quiz"]
