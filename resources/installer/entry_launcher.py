"""Entry script of the frozen launcher (build.spec): stdlib only, see desktop/launcher.py."""

import sys

from desktop.launcher import main

if __name__ == "__main__":
    sys.exit(main())
