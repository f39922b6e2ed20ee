"""The window appears before the slow modules load: they are imported in the thread pool once it is on screen."""

from __future__ import annotations

import os
import subprocess
import sys

# What importing the main window must not pull in (each costs a noticeable part of a second on a laptop): the image
# checkers and the database layer (SQLAlchemy, Alembic, the encryption) load after the window is shown.
SLOW = ("cv2", "numpy", "sqlalchemy", "alembic", "cryptography", "beian_desktop.store",
        # the installed package's metadata (the version, about 20 ms): read only for --version, About and exports
        "importlib.metadata")


def test_the_window_is_made_without_importing_the_checkers_or_the_database_layer(tmp_path):
    """``launch`` builds and shows the main window on the GUI thread; it must not import them there (the store is
    opened in the thread pool a moment after the first frame, see ``gui/app.py``)."""
    code = (
        "import sys\n"
        "import beian_desktop.cli\n"  # the entry point's own imports (``beian-desktop`` starts there)
        "from beian_desktop.gui.app import create_application, launch\n"
        "app = create_application(sys.argv[:1])\n"
        "window = launch(None, 'zh_CN')\n"  # returns before the event loop runs: nothing has run in the pool yet
        f"print(','.join(m for m in {SLOW!r} if m in sys.modules))\n"
    )
    env = dict(os.environ, BEIAN_DESKTOP_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True, env=env)
    assert out.stdout.strip() == ""
