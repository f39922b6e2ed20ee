"""A keyring backend for the tests: secrets in a JSON file under the test's temporary home.

Every test uses it (``tests/conftest.py`` selects it with ``PYTHON_KEYRING_BACKEND``, also for the CLI and GUI
processes the tests start), so no test ever reads or writes the developer's real keyring. Only
``tests/privacy/test_secret_service.py`` talks to a real Secret Service, and only one started for the tests (CI).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "BEIAN_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    priority = 1  # viable; chosen explicitly by the tests anyway

    def _path(self) -> Path:
        return Path(os.environ[FILE_ENV])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\0{username}"] = password
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\0{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data), encoding="utf-8")
