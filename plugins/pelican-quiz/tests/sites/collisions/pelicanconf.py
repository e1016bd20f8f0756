# Ids that could collide: question a / option b-c against question a-b / option c, an
# option called help beside a help text, a question called title, two quizzes whose ids
# nest (a, a-b), and a quiz twice on one page.
SITENAME = "Collisions"
PATH = "content"
TIMEZONE = "UTC"
PLUGINS = ["quiz"]
