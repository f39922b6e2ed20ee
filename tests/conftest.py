"""Test set-up shared by every test.

* Qt runs offscreen (set here, by the tests themselves, before anything imports Qt).
* Every user directory (data, config, logs) and the default database are redirected to a temporary directory, so no
  test ever reads or writes real user data.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BEIAN_DESKTOP_HOME", str(home))
    monkeypatch.delenv("BEIAN_DESKTOP_DB", raising=False)
    monkeypatch.delenv("BEIAN_DESKTOP_LANG", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    from beian_desktop import i18n

    i18n.set_language("zh_CN")
    yield home
