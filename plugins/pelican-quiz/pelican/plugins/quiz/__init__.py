from .pelican_quiz import *  # noqa: F403
