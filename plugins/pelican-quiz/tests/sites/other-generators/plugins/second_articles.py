"""A stand-in for pelican-lunr 0.3.0: a second ArticlesGenerator, reading every article again
for a search index. Its reading replaces the first generator's articles in Pelican's
``generated_content``, while the first generator writes the pages."""

from pelican import generators, signals


class SecondArticlesGenerator(generators.ArticlesGenerator):
    def generate_output(self, writer):
        pass  # pelican-lunr writes its index here, from the articles it read


def _generators(pelican):
    return SecondArticlesGenerator


def register():
    signals.get_generators.connect(_generators)
