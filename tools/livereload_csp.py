"""The inline script that the livereload server injects (tools.local_server), and its CSP hash.

livereload adds this script to every page it serves; a strict Content-Security-Policy must list
its hash in development builds (pelicanconf.py), never in production (publishconf.py).
A test compares this text with what the running server really injects.
"""

from __future__ import annotations

import base64
import hashlib

__all__ = ["LIVERELOAD_SCRIPT", "livereload_script_hash"]

# livereload 2.7, Server.application() with no separate live port.
LIVERELOAD_SCRIPT = (
    "(function(){"
    'var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port'
    '+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);"
    "})();"
)


def livereload_script_hash() -> str:
    """The CSP source expression (without quotes) that allows the injected script."""
    digest = hashlib.sha256(LIVERELOAD_SCRIPT.encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()
