# A theme that places the quiz's assets itself: templates/base.html, given as
# THEME_TEMPLATES_OVERRIDES by the test, calls {{ quiz_assets() }} in <head>. The quiz
# article is the newest, so notmyidea shows it whole on the index.
SITENAME = "Theme assets"
PATH = "content"
TIMEZONE = "UTC"
RELATIVE_URLS = True
DEFAULT_PAGINATION = 10
PLUGINS = ["quiz"]
QUIZ_ASSETS_IN_CONTENT = False
