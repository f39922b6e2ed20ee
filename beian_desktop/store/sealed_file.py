"""Passphrase-protected files (``drafts export --encrypt``): AES-256-GCM under a scrypt-derived key.

Format (documented in ``docs/encrypted-export.md``)::

    BEIAN-DESKTOP-ENCRYPTED 1\\n
    {"kdf": "scrypt", "salt": B64, "n": 131072, "r": 8, "p": 1, "nonce": B64, "content": "beian-desktop-draft"}\\n
    ciphertext ‖ 16-byte tag

The first two lines (exactly as written, newlines included) are the associated data, so the header cannot be
changed without the file failing to open. The plaintext is the ordinary JSON draft export (UTF-8).
"""

from __future__ import annotations

import base64
import binascii
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from beian_desktop.i18n import Msg
from beian_desktop.store import keys as K
from beian_desktop.store.crypto import NONCE_BYTES
from beian_desktop.store.errors import InvalidDraftFile

MAGIC = b"BEIAN-DESKTOP-ENCRYPTED 1\n"
FILE_PASSPHRASE_ENV = "BEIAN_DESKTOP_FILE_PASSPHRASE"


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def seal(plain: bytes, passphrase: str, *, content: str = "beian-desktop-draft") -> bytes:
    if len(passphrase) < K.MIN_PASSPHRASE:
        raise K.PassphraseTooShort()
    salt, nonce = os.urandom(16), os.urandom(NONCE_BYTES)
    header = {"kdf": "scrypt", "salt": _b64(salt), "n": K.SCRYPT_N, "r": K.SCRYPT_R, "p": K.SCRYPT_P,
              "nonce": _b64(nonce), "content": content}
    head = MAGIC + json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n"
    return head + AESGCM(K.derive_kek(passphrase, salt)).encrypt(nonce, plain, head)


def open_sealed(data: bytes, passphrase: str) -> bytes:
    """The plaintext of a sealed file; :class:`InvalidDraftFile` for a wrong passphrase or an altered file."""
    if not is_sealed(data):
        raise InvalidDraftFile.because("不是加密的导出文件。", "not an encrypted export.")
    end = data.find(b"\n", len(MAGIC))
    try:
        header = json.loads(data[len(MAGIC):end].decode("ascii"))
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        if end < 0 or header.get("kdf") != "scrypt" or not (2**14 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError
        salt, nonce = _unb64(header["salt"]), _unb64(header["nonce"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise InvalidDraftFile.because("加密文件头已损坏。", "the header of the encrypted file is damaged.") from None
    head = data[: end + 1]
    try:
        return AESGCM(K.derive_kek(passphrase, salt, n, r, p)).decrypt(nonce, data[end + 1:], head)
    except InvalidTag:
        raise InvalidDraftFile(Msg("无法解密：口令不正确，或文件已损坏或被修改。",
                                   "Cannot decrypt: wrong passphrase, or the file is damaged or was altered.")) from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
