"""Entry script of the frozen app (build.spec): the same as the ``layan`` console script."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
