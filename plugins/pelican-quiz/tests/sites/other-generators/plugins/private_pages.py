"""A generator that keeps the page it reads to itself (in a dict, where no other plugin looks)
and writes it as ``private.html``: its quiz placeholder reaches the writer unplaced."""

from pelican import signals
from pelican.generators import Generator
from pelican.readers import Readers


class PrivatePagesGenerator(Generator):
    def generate_context(self):
        readers = Readers(self.settings)
        page = readers.read_file(self.path, "try-the-quiz.md", content_class=self._page_class())
        self.private = {"page": page}

    def _page_class(self):
        from pelican.contents import Page

        return Page

    def generate_output(self, writer):
        writer.write_file(
            "private.html",
            self.get_template("page"),
            self.context,
            page=self.private["page"],
            relative_urls=self.settings["RELATIVE_URLS"],
        )


def _generators(pelican):
    return PrivatePagesGenerator


def register():
    signals.get_generators.connect(_generators)
