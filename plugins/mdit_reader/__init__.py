from .mdit_reader import *  # noqa: F403
