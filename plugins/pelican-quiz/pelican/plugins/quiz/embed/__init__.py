"""Embedding a quiz in a page, from every reader a Pelican site has.

Each reader leaves the same placeholder where a page embeds a quiz (:func:`marker`); the quiz is
compiled into it once every file is read (:mod:`..placement`), so all readers give the same
HTML and the same ``file:line`` errors:

- Python-Markdown (Pelican's default): the ```` ```{quiz} id ```` fence, :mod:`.markdown_fence`;
- reStructuredText: ``.. quiz:: id``, :mod:`.rst_directive`;
- markdown-it-py: the same fence, :mod:`.mdit_fence` (a rule the site's reader adds).
"""
