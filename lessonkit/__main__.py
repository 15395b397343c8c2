"""``python -m lessonkit COMMAND``: the command line (see ``tools/cli.py`` for the commands)."""

import sys

from .tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
