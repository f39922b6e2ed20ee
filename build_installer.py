"""Build the desktop installers (placeholder until the installer issue).

What it will do, in order:

1. Regenerate the compiled Designer forms and translations (``python -m beian_desktop.gui.build_forms``) and refuse to continue
   if that changes any committed file.
2. Freeze the application with PyInstaller (one-dir build) including ``beian_desktop/resources`` (rule data, translations,
   icons; read at run time through :func:`beian_desktop.paths.resource_path`, which understands ``sys._MEIPASS``), the Alembic
   migration scripts, and OpenCV's Haar cascade files.
3. Smoke-test the frozen executable: ``beian-desktop --version``, ``validate`` on known values, ``check-photo --json`` on a
   generated photo, and a headless start of the window against a temporary database.
4. Package: an MSI/NSIS installer on Windows, a signed ``.dmg`` on macOS.

Running it today only prints this plan and exits with status 2 so that no one mistakes it for a working build.
"""

from __future__ import annotations

import sys


def main() -> int:
    print(__doc__)
    print("build_installer.py: not implemented yet (see the installer issue).", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
