# Pages that embed quizzes wrongly, from both of Pelican's readers.
SITENAME = "Bad embeds"
PATH = "content"
TIMEZONE = "UTC"
PLUGINS = ["quiz"]
