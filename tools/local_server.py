"""livereload's server, answering only this machine: requests whose Host is not
127.0.0.1/localhost (a DNS-rebinding page), WebSockets from any other origin, and requests to
the reload endpoints from another site's page (an ``<img src>`` of /forcereload) are refused
before a handler runs, so no web page can call /forcereload or listen for reloads.

The application is assembled as livereload assembles it, from its own handlers, each wrapped
in the check; the rest of livereload (watching, the script it injects) is unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from livereload import Server
from livereload.handlers import (
    ForceReloadHandler,
    LiveReloadHandler,
    LiveReloadJSHandler,
    StaticFileHandler,
)
from livereload.server import LiveScriptInjector
from tornado import escape, web

from tools.livereload_csp import LIVERELOAD_SCRIPT

__all__ = ["LocalServer", "SiteFiles", "cross_site", "local_host", "local_origin"]

_LOCAL = {"127.0.0.1", "localhost", "[::1]"}


def local_host(host: str) -> bool:
    """Whether a Host header names this machine (with or without a port)."""
    name = re.sub(r":\d+$", "", host.strip().lower())
    return name in _LOCAL


def local_origin(origin: str) -> bool:
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and local_host(parts.netloc)


def cross_site(headers: Any) -> bool:
    """Whether a request comes from a page of another site: the browser says so
    (Sec-Fetch-Site), or its Origin or Referer names another host."""
    if headers.get("Sec-Fetch-Site", "") in ("cross-site", "same-site"):
        return True
    origin = headers.get("Origin") or headers.get("Referer")
    return bool(origin) and origin != "null" and not local_origin(origin)


def _guarded(
    handler: type[web.RequestHandler], same_site_only: bool = False
) -> type[web.RequestHandler]:
    class Guarded(handler):  # type: ignore[valid-type,misc]
        def prepare(self) -> Any:
            if not local_host(self.request.host):
                raise web.HTTPError(403, "this server answers only 127.0.0.1 and localhost")
            if same_site_only and cross_site(self.request.headers):
                raise web.HTTPError(403, "the reload endpoints answer only this site's pages")
            return super().prepare()

        def check_origin(self, origin: str) -> bool:  # WebSockets only
            return local_origin(origin)

    Guarded.__name__ = f"Local{handler.__name__}"
    return Guarded


class SiteFiles(StaticFileHandler):  # type: ignore[misc]
    """The built site's files. A missing one gets the theme's 404.html with status 404, as
    GitHub Pages answers; a path no file can have (a NUL byte) is missing too, not an error."""

    def parse_url_path(self, url_path: str) -> str:
        if "\x00" in url_path:
            raise web.HTTPError(404)
        return str(super().parse_url_path(url_path))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.is_file():
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(page.read_bytes())
            return
        super().write_error(status_code, **kwargs)


class LocalServer(Server):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.SFH = SiteFiles

    def application(
        self,
        port: int,
        host: str,
        liveport: int | None = None,
        debug: bool | None = None,
        live_css: bool = True,
    ) -> None:
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        # A page of another site (even one served from this machine's name, by DNS
        # rebinding or not) may not reload the open pages or listen for reloads.
        live_handlers = [
            (r"/livereload", _guarded(LiveReloadHandler, same_site_only=True)),
            (r"/forcereload", _guarded(ForceReloadHandler, same_site_only=True)),
            (r"/livereload.js", _guarded(LiveReloadJSHandler, same_site_only=True)),
        ]
        # livereload's snippet, whose hash our development policy allows.
        live_script = escape.utf8(f'<script type="text/javascript">{LIVERELOAD_SCRIPT}</script>')
        web_handlers = [
            (pattern, _guarded(handler), *rest)
            for pattern, handler, *rest in self.get_web_handlers(live_script)
        ]

        class ConfiguredTransform(LiveScriptInjector):  # type: ignore[misc]
            script = live_script

        app = web.Application(
            handlers=live_handlers + web_handlers, debug=False, transforms=[ConfiguredTransform]
        )
        app.listen(port, address=host)
