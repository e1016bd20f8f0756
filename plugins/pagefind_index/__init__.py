from .pagefind_index import *  # noqa: F403
