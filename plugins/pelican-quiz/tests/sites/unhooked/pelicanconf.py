# A site whose .md files go through a reader of its own that knows nothing of the quiz plugin.
SITENAME = "Unhooked"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_DATE = (2026, 11, 1)
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["quiz", "plain_markdown"]
