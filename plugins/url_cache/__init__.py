from .url_cache import *  # noqa: F403
