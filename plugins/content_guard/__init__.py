from .content_guard import *  # noqa: F403
