"""A small public toolkit for Pelican plugins that read files an author writes by hand.

The quiz plugin needs it, and so may any reader or plugin beside it (the site this plugin grew
up in uses it for its Markdown reader's front matter). It knows nothing of quizzes:

- :mod:`.located_yaml`: strict, safe YAML that remembers the line of every value, and
  :class:`~.located_yaml.SourceError`, a ``file:line: message`` error;
- :mod:`.source_files`: reading a source file with a size limit and UTF-8 errors by line, and
  the path an author knows it by;
- :mod:`.no_script`: refusing script markup and script URLs in YAML strings;
- :mod:`.settings`: filling a plugin's documented setting defaults, naming unknown keys;
- :mod:`.pelican_links`: a markdown-it-py rule that keeps Pelican's ``{filename}`` links intact.
- :mod:`.site_links`: whether a ``{filename}`` link reaches a page and its ``#section``.
"""
