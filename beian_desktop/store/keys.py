"""Where a database's data key is kept: wrapped in the database, unwrapped by the OS keyring or by a passphrase.

Each database has one random data key (:mod:`beian_desktop.store.crypto`), identified by ``key_id``. The table
``store_keys`` holds one or more *wrappings* of it (AES-256-GCM, associated data ``"beian-desktop data key" ‖ key_id``),
each under a key-encryption key (KEK):

* ``keyring``: a random 256-bit KEK kept in the OS keyring through ``keyring`` (Windows Credential Manager, macOS
  Keychain, Secret Service on Linux) under service ``beian-desktop`` and the wrapping's id. Backends that keep
  secrets in a plain or base64 file (``keyrings.alt``), and the ``fail``/``null`` backends, are refused.
* ``passphrase``: a KEK derived from a passphrase with scrypt (N=2**17, r=8, p=1, 16-byte salt). The passphrase is
  asked at start (CLI: ``BEIAN_DESKTOP_PASSPHRASE`` or a prompt; GUI: a dialog) and never stored.

Several machines sharing one database (PostgreSQL) each add their own wrapping with ``db import-key``. Every wrapping
also stores a check token encrypted with the data key, so an imported key is verified before it is accepted.
"""

from __future__ import annotations

import base64
import binascii
import getpass
import json
import logging
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from beian_desktop.i18n import Msg
from beian_desktop.store.crypto import KEY_BYTES, NONCE_BYTES, Cipher, new_data_key
from beian_desktop.store.errors import StoreError

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "BEIAN_DESKTOP_PASSPHRASE"
KEYRING_SERVICE = "beian-desktop"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_PASSPHRASE = 8
KEY_FILE_FORMAT = "beian-desktop-key"

#: A lightweight description of the table (the migration and this module use it; the ORM model is in models.py).
store_keys = sa.table(
    "store_keys",
    sa.column("id", sa.String(32)),
    sa.column("key_id", sa.String(32)),
    sa.column("kind", sa.String(16)),
    sa.column("created_at", sa.DateTime()),
    sa.column("record", sa.JSON()),
)


class KeyUnavailable(StoreError):
    """The data key cannot be obtained: wrong passphrase, key not on this machine, no way to ask."""

    default_message = Msg("无法解锁草稿数据库的密钥。", "The key of the draft database cannot be unlocked.")


class WrongPassphrase(KeyUnavailable):
    default_message = Msg("口令不正确，无法解锁草稿数据库。", "Wrong passphrase: the draft database stays locked.")


class PassphraseRequired(KeyUnavailable):
    default_message = Msg(
        "本机没有可用的系统钥匙串，草稿数据库由口令保护。请设置环境变量 BEIAN_DESKTOP_PASSPHRASE，或在终端中运行以输入口令。",
        "No usable system keyring on this machine: the draft database is protected by a passphrase. Set "
        "BEIAN_DESKTOP_PASSPHRASE, or run in a terminal to type it.",
    )


class KeyNotHere(KeyUnavailable):
    default_message = Msg(
        "本机的钥匙串中没有该草稿数据库的密钥（数据库来自另一台电脑，或钥匙串已被清除）。"
        "请在原电脑上运行 beian-desktop db export-key，再在本机运行 beian-desktop db import-key。",
        "This machine's keyring does not hold the key of this draft database (it comes from another computer, or "
        "the keyring was cleared). Run beian-desktop db export-key on the original computer, then "
        "beian-desktop db import-key here.",
    )


class PassphraseTooShort(KeyUnavailable):
    default_message = Msg(f"口令至少需要 {MIN_PASSPHRASE} 个字符。", f"The passphrase needs at least {MIN_PASSPHRASE} characters.")


# ---- keyring -----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    name: str  # backend class, e.g. "keyring.backends.SecretService.Keyring"
    refused: bool = False  # a file/plaintext backend that we refuse to use

    def describe(self) -> Msg:
        if self.usable:
            return Msg(f"系统钥匙串（{self.name}）", f"the system keyring ({self.name})")
        if self.refused:
            return Msg(f"已拒绝不安全的钥匙串后端 {self.name}（以文件保存密钥），改用口令",
                       f"refused the unsafe keyring backend {self.name} (keeps secrets in a file); a passphrase is used")
        return Msg("没有可用的系统钥匙串，使用口令", "no usable system keyring; a passphrase is used")


_REFUSED_MODULES = ("keyrings.alt",)
_ABSENT_MODULES = ("keyring.backends.fail", "keyring.backends.null")


def _backend_name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def keyring_status(backend: Any = None) -> KeyringStatus:
    """Whether the active ``keyring`` backend may hold our key-encryption key."""
    try:
        import keyring
        from keyring.backends.chainer import ChainerBackend
    except ImportError:  # pragma: no cover - a dependency; a broken install falls back to the passphrase
        return KeyringStatus(False, "keyring not installed")
    try:
        backend = backend if backend is not None else keyring.get_keyring()
        if isinstance(backend, ChainerBackend):  # writes go to its highest-priority backend
            backends = list(backend.backends)
            if not backends:
                return KeyringStatus(False, _backend_name(backend))
            backend = backends[0]
    except Exception as exc:  # noqa: BLE001 - a broken backend is no backend
        return KeyringStatus(False, type(exc).__name__)
    name = _backend_name(backend)
    module = type(backend).__module__
    if module.startswith(_REFUSED_MODULES):
        return KeyringStatus(False, name, refused=True)
    if module.startswith(_ABSENT_MODULES):
        return KeyringStatus(False, name)
    try:
        if float(getattr(type(backend), "priority", 1)) <= 0:
            return KeyringStatus(False, name)
    except Exception:  # noqa: BLE001 - priority raises when the backend is not viable (no D-Bus, no service)
        return KeyringStatus(False, name)
    return KeyringStatus(True, name)


def _keyring_get(account: str) -> str | None:
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, account)
    except Exception as exc:  # noqa: BLE001 - locked, no service, D-Bus error: treat as not found
        log.warning("the keyring could not be read: %s", type(exc).__name__)
        return None


def _keyring_set(account: str, secret: str) -> bool:
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, account, secret)
        return keyring.get_password(KEYRING_SERVICE, account) == secret
    except Exception as exc:  # noqa: BLE001
        log.warning("the keyring could not store the key: %s", type(exc).__name__)
        return False


def _keyring_delete(account: str) -> None:
    import keyring

    try:
        keyring.delete_password(KEYRING_SERVICE, account)
    except Exception:  # noqa: BLE001 - already gone or not reachable: nothing to do
        pass


# ---- wrapping ----------------------------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def _aad(key_id: str) -> bytes:
    return b"beian-desktop data key\x00" + key_id.encode("ascii")


def wrap(kek: bytes, key_id: str, data_key: bytes) -> dict[str, str]:
    nonce = os.urandom(NONCE_BYTES)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, _aad(key_id)))}


def unwrap(kek: bytes, key_id: str, record: dict[str, Any]) -> bytes | None:
    try:
        key = AESGCM(kek).decrypt(_unb64(record["nonce"]), _unb64(record["wrapped"]), _aad(key_id))
    except (InvalidTag, KeyError, ValueError, binascii.Error, TypeError):
        return None
    return key if len(key) == KEY_BYTES else None


def derive_kek(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def passphrase_record(passphrase: str, key_id: str, data_key: bytes) -> dict[str, Any]:
    salt = os.urandom(16)
    record = {"kdf": "scrypt", "salt": _b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
    record.update(wrap(derive_kek(passphrase, salt), key_id, data_key))
    return record


def unwrap_with_passphrase(passphrase: str, key_id: str, record: dict[str, Any]) -> bytes | None:
    try:
        n, r, p = int(record["n"]), int(record["r"]), int(record["p"])
        if not (2**14 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):  # bounded: a file cannot make us hang
            return None
        kek = derive_kek(passphrase, _unb64(record["salt"]), n, r, p)
    except (KeyError, ValueError, TypeError, binascii.Error):
        return None
    return unwrap(kek, key_id, record)


# ---- asking for a passphrase -------------------------------------------------------------------------------------------
#: ``ask(new, attempt)`` returns the passphrase, or ``None`` when the user cancels. ``new``: choose one (confirm it).
PassphraseAsker = Callable[[bool, int], "str | None"]


def terminal_asker(new: bool, attempt: int) -> str | None:
    """The CLI's way: ``BEIAN_DESKTOP_PASSPHRASE``, else a prompt on the terminal, else :class:`PassphraseRequired`."""
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env if attempt == 0 else None
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise PassphraseRequired()
    if new:
        print(Msg("本机没有可用的系统钥匙串，请设置保护草稿数据库的口令（至少 8 个字符，请牢记，丢失后无法恢复）。",
                  "No usable system keyring: choose a passphrase for the draft database (8 characters or more; keep "
                  "it safe, it cannot be recovered).").text(), file=sys.stderr)
        first = getpass.getpass(Msg("新口令：", "New passphrase: ").text())
        second = getpass.getpass(Msg("再次输入：", "Repeat: ").text())
        if first != second:
            print(Msg("两次输入不一致。", "The two entries differ.").text(), file=sys.stderr)
            return None
        return first
    if attempt >= 3:
        return None
    return getpass.getpass(Msg("草稿数据库口令：", "Passphrase of the draft database: ").text())


# ---- the key source --------------------------------------------------------------------------------------------------
class KeySource:
    """Creates, unlocks and re-wraps data keys for one process (caches what it has unlocked)."""

    def __init__(self, ask: PassphraseAsker | None = None, *, prefer: str = "auto") -> None:
        self._ask = ask or terminal_asker
        self._prefer = prefer  # for new keys: auto (keyring, else passphrase) | keyring | passphrase
        self._cache: dict[str, bytes] = {}

    @classmethod
    def throwaway(cls) -> "KeySource":
        """For a temporary database (screenshots): a random passphrase, nothing written to the keyring."""
        import secrets

        phrase = secrets.token_urlsafe(24)
        return cls(lambda _new, _attempt: phrase, prefer="passphrase")

    # new keys
    def create(self, conn: sa.Connection, *, prefer: str | None = None) -> tuple[str, bytes]:
        """Make a new data key, store its wrapping(s) in ``store_keys`` and return ``(key_id, key)``."""
        prefer = prefer or self._prefer
        key_id, data_key = uuid.uuid4().hex, new_data_key()
        add_wrapping(conn, key_id, data_key, self._new_record(key_id, data_key, prefer))
        self._cache[key_id] = data_key
        return key_id, data_key

    def _new_record(self, key_id: str, data_key: bytes, prefer: str) -> tuple[str, dict[str, Any]]:
        status = keyring_status()
        if prefer != "passphrase" and status.usable:
            wrap_id = uuid.uuid4().hex
            kek = os.urandom(KEY_BYTES)
            if _keyring_set(wrap_id, _b64(kek)):
                record = {"service": KEYRING_SERVICE, "account": wrap_id, "backend": status.name}
                record.update(wrap(kek, key_id, data_key))
                return wrap_id, {"kind": "keyring", **record}
            if prefer == "keyring":
                raise KeyUnavailable(Msg("无法在系统钥匙串中保存密钥。", "The key cannot be stored in the system keyring."))
        elif prefer == "keyring":
            raise KeyUnavailable(Msg("没有可用的系统钥匙串：", "No usable system keyring: ") + status.describe())
        if status.refused:
            log.warning("refused the keyring backend %s (it keeps secrets in a file); using a passphrase", status.name)
        passphrase = self._ask(True, 0)
        if passphrase is None:
            raise PassphraseRequired()
        if len(passphrase) < MIN_PASSPHRASE:
            raise PassphraseTooShort()
        return uuid.uuid4().hex, {"kind": "passphrase", **passphrase_record(passphrase, key_id, data_key)}

    # unlocking
    def unlock(self, conn: sa.Connection) -> tuple[str, Cipher]:
        """The database's key id and cipher. Raises :class:`KeyNotHere`, :class:`WrongPassphrase`, ..."""
        rows = wrappings(conn)
        if not rows:
            raise KeyUnavailable(detail="no data key in store_keys")
        key_id = rows[0]["key_id"]
        if key_id in self._cache:
            return key_id, Cipher(self._cache[key_id])
        data_key = self._unlock_rows(key_id, rows)
        self._cache[key_id] = data_key
        return key_id, Cipher(data_key)

    def _unlock_rows(self, key_id: str, rows: list[dict[str, Any]]) -> bytes:
        status = keyring_status()
        for row in rows:
            record = row["record"]
            if row["kind"] == "keyring" and status.usable:
                secret = _keyring_get(str(record.get("account", "")))
                if secret:
                    try:
                        key = unwrap(_unb64(secret), key_id, record)
                    except (ValueError, binascii.Error):
                        key = None
                    if key is not None and _check(key, key_id, record):
                        return key
        phrase_rows = [r for r in rows if r["kind"] == "passphrase"]
        if not phrase_rows:
            raise KeyNotHere()
        attempt = 0
        while True:
            passphrase = self._ask(False, attempt)
            if passphrase is None:
                raise WrongPassphrase() if attempt else PassphraseRequired()
            for row in phrase_rows:
                key = unwrap_with_passphrase(passphrase, key_id, row["record"])
                if key is not None and _check(key, key_id, row["record"]):
                    return key
            log.warning("wrong passphrase for the draft database")
            attempt += 1

    def data_key(self, key_id: str) -> bytes:
        """The unlocked data key (for ``db export-key``)."""
        try:
            return self._cache[key_id]
        except KeyError:
            raise KeyUnavailable(detail="key not unlocked in this process") from None

    def remember(self, key_id: str, data_key: bytes) -> None:
        self._cache[key_id] = data_key

    def ask_passphrase(self, new: bool) -> str | None:
        return self._ask(new, 0)


def _check(data_key: bytes, key_id: str, record: dict[str, Any]) -> bool:
    token = record.get("check")
    return not isinstance(token, str) or Cipher(data_key).verify_check(key_id, token)


def wrappings(conn: sa.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(store_keys.c.id, store_keys.c.key_id, store_keys.c.kind, store_keys.c.record)
                        .order_by(store_keys.c.created_at)).mappings().all()
    out = []
    for row in rows:
        record = row["record"]
        if isinstance(record, str):  # some drivers hand JSON back as text
            record = json.loads(record)
        out.append({"id": row["id"], "key_id": row["key_id"], "kind": row["kind"], "record": record or {}})
    return out


def add_wrapping(conn: sa.Connection, key_id: str, data_key: bytes, new: tuple[str, dict[str, Any]]) -> None:
    wrap_id, record = new
    record = dict(record, check=Cipher(data_key).check_token(key_id))
    conn.execute(sa.insert(store_keys).values(
        id=wrap_id, key_id=key_id, kind=record["kind"], created_at=_now(conn), record=record))


def _now(conn: sa.Connection) -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(tzinfo=None) if conn.dialect.name == "sqlite" else now


def forget_keyring_entries(rows: list[dict[str, Any]]) -> None:
    """Remove the keyring entries of wrappings that were replaced (after the change is committed)."""
    if not keyring_status().usable:
        return
    for row in rows:
        if row["kind"] == "keyring":
            _keyring_delete(str(row["record"].get("account", "")))


# ---- moving a key between machines ---------------------------------------------------------------------------------
def key_file(passphrase: str, key_id: str, data_key: bytes) -> bytes:
    """A passphrase-protected key file (``db export-key``)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort()
    body = {"format": KEY_FILE_FORMAT, "version": 1, "key_id": key_id,
            "check": Cipher(data_key).check_token(key_id), **passphrase_record(passphrase, key_id, data_key)}
    return (json.dumps(body, indent=1) + "\n").encode("utf-8")


def read_key_file(content: bytes, passphrase: str) -> tuple[str, bytes]:
    """``(key_id, data_key)`` of a key file; :class:`WrongPassphrase` or :class:`KeyUnavailable` when it cannot be used."""
    try:
        body = json.loads(content.decode("utf-8"))
        if not isinstance(body, dict) or body.get("format") != KEY_FILE_FORMAT or body.get("version") != 1:
            raise ValueError
        key_id = str(body["key_id"])
    except (ValueError, KeyError, UnicodeDecodeError):
        raise KeyUnavailable(Msg("不是备案接入助手的密钥文件。", "Not a Beian Desktop key file.")) from None
    key = unwrap_with_passphrase(passphrase, key_id, body)
    if key is None or not _check(key, key_id, body):
        raise WrongPassphrase(Msg("口令不正确，或密钥文件已损坏。", "Wrong passphrase, or the key file is damaged."))
    return key_id, key
