"""A loopback static host that answers like GitHub Pages: files as they are, and for a missing
path the nearest 404.html above it with status 404."""

from __future__ import annotations

import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


class PagesHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: test output is for failures

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._nearest_404() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _nearest_404(self) -> Path | None:
        root = Path(self.directory)
        folder = root / unquote(urlsplit(self.path).path).lstrip("/")
        for candidate in [folder, *folder.parents]:
            if candidate == root.parent:
                break
            if (candidate / "404.html").is_file() and candidate.is_relative_to(root):
                return candidate / "404.html"
        return None


class PagesHost:
    """Serves ``folder`` on 127.0.0.1 at a free port until :meth:`close`."""

    def __init__(self, folder: Path):
        self.server = ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(PagesHandler, directory=str(folder))
        )
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
