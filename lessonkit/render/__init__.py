"""Rendering: HTML and SVG text built from content records. No widgets, no store.

- ``html.py``: the one place where text is escaped, and small HTML builders;
- ``svg.py``: the score bar, the journey map and the spectrum, each with a title and a description;
- ``pages.py``: the sources list and the help section, shared by lessons and handouts;
- ``answer_key.py``: the answers to each kind of exercise (``ANSWER_KEYS``);
- ``notes.py``: facilitator notes as HTML.
"""
