"""Test set-up shared by every test.

* Qt runs offscreen (set here, by the tests themselves, before anything imports Qt).
* Secrets go to a test keyring (a JSON file in the test's home, ``tests/beian_test_keyring.py``), in this process
  and in every CLI/GUI process a test starts: no test ever touches the developer's real keyring, and none asks for a
  passphrase.
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
    monkeypatch.delenv("BEIAN_DESKTOP_PASSPHRASE", raising=False)
    _test_keyring(home, monkeypatch)
    from beian_desktop import i18n

    i18n.set_language("zh_CN")
    yield home


TESTS_DIR = os.path.dirname(os.path.abspath(__file__))


def _test_keyring(home, monkeypatch) -> None:
    import keyring

    from beian_test_keyring import FILE_ENV, FileKeyring

    monkeypatch.setenv(FILE_ENV, str(home / "test-keyring.json"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "beian_test_keyring.FileKeyring")
    paths = [TESTS_DIR] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(dict.fromkeys(paths)))
    keyring.set_keyring(FileKeyring())


def _session_keyring() -> None:
    """Module-scoped fixtures run before the per-test fixture above: they get a session-wide test keyring."""
    import tempfile

    import keyring

    from beian_test_keyring import FILE_ENV, FileKeyring

    os.environ[FILE_ENV] = os.path.join(tempfile.mkdtemp(prefix="beian-test-keyring-"), "keyring.json")
    os.environ["PYTHON_KEYRING_BACKEND"] = "beian_test_keyring.FileKeyring"
    os.environ["PYTHONPATH"] = os.pathsep.join(
        dict.fromkeys([TESTS_DIR] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    os.environ.pop("BEIAN_DESKTOP_PASSPHRASE", None)
    keyring.set_keyring(FileKeyring())


_session_keyring()
