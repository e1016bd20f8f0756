# A site with plugins that add generators of their own, as pelican-lunr does.
SITENAME = "Other generators"
PATH = "content"
TIMEZONE = "UTC"
RELATIVE_URLS = True
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["quiz", "second_articles"]
