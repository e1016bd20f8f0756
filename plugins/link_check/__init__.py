from .link_check import *  # noqa: F403
