"""Entry point of the frozen application (PyInstaller runs this file; ``beian-desktop`` in a source install)."""

import multiprocessing
import sys

from beian_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; required if a dependency ever starts worker processes
    sys.exit(main())
