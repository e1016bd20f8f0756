"""A stand-in for a third-party Markdown reader: Pelican metadata, the body as preformatted
text. It runs none of the quiz plugin's hooks."""

from html import escape

from pelican import signals
from pelican.readers import BaseReader


class PlainMarkdownReader(BaseReader):
    enabled = False  # enabled by the plugin, not in every build of the process
    file_extensions = ["md"]

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as handle:
            head, _, body = handle.read().partition("\n\n")
        metadata = {}
        for line in head.splitlines():
            key, _, value = line.partition(":")
            name = key.strip().lower()
            metadata[name] = self.process_metadata(name, value.strip())
        return f"<pre>{escape(body)}</pre>", metadata


def _add(readers):
    readers.reader_classes["md"] = PlainMarkdownReader


def register():
    signals.readers_init.connect(_add)
