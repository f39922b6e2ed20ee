"""Encryption of personal data at rest: AES-256-GCM on sensitive field values and on every stored file.

One random 256-bit *data key* per database (see :mod:`beian_desktop.store.keys` for how it is kept). Two subkeys are
derived from it with HKDF-SHA256: one for AES-256-GCM, one for the keyed hash (HMAC-SHA256) of ID numbers that lets
the store find a draft by ID number without keeping the number in clear.

* A sensitive field value (:func:`is_sensitive`: ID/certificate numbers, names of persons, phones, e-mails,
  addresses, the original filing record and the notes) is stored as the JSON string ``"enc1:" + base64(nonce ‖
  ciphertext ‖ tag)`` of its canonical JSON. The associated data is ``draft id ‖ NUL ‖ field path``: a value copied
  to another field or another draft does not decrypt (:class:`FieldDamaged`).
* A stored file is ``b"BDE1" ‖ nonce ‖ ciphertext ‖ tag`` with the file's SHA-256 (its address in the store) as
  associated data.
* Nonces are 96 random bits from the OS; with one key per database and far fewer than 2**32 encryptions per key the
  collision risk is negligible (NIST SP 800-38D, 8.3). ``db rekey`` replaces the key.

The draft list's columns (subject name, domain, flow, step, status) stay clear, as do the file's size and media type.
Nothing here logs a value.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from beian_desktop.i18n import Msg
from beian_desktop.store.errors import DatabaseCorrupt

KEY_BYTES = 32
NONCE_BYTES = 12
FIELD_PREFIX = "enc1:"
BLOB_MAGIC = b"BDE1"

#: Flat paths whose values are encrypted (regular expressions over :meth:`Application.to_flat` paths).
_SENSITIVE = re.compile(
    r"^("
    r"(subject|principal|websites\.\d+\.owner)\.(cert_number|name|mobile|emergency_phone|office_phone|email"
    r"|cert_address|mailing_address|investor)"
    r"|contact\.(email|phone)"
    r"|photo_verification\.(mailing_recipient|mailing_phone|mailing_address)"
    r"|original\.fields|notes|progress\.events"
    r")$"
)
#: Paths that are never encrypted although they match above: the list shows and searches the subject's name.
_CLEAR = frozenset({"subject.name"})
#: Paths whose value gets a keyed hash (column ``draft_fields.lookup``) for lookups by ID number.
_LOOKUP = re.compile(r"^(subject|principal|websites\.\d+\.owner)\.cert_number$")


def is_sensitive(path: str) -> bool:
    """True when the value at flat ``path`` is personal data that is stored encrypted."""
    return path not in _CLEAR and bool(_SENSITIVE.match(path))


def has_lookup(path: str) -> bool:
    return bool(_LOOKUP.match(path))


def normalise_id_number(value: str) -> str:
    """The form an ID number is hashed in: no spaces or dashes, upper case (``x`` check digit)."""
    return re.sub(r"[\s\-]", "", str(value)).upper()


class FieldDamaged(DatabaseCorrupt):
    """A stored value or file that does not decrypt: altered, damaged or encrypted under another key."""

    #: the field path or the file's hash that does not decrypt
    where: str = ""

    @classmethod
    def for_field(cls, path: str) -> "FieldDamaged":
        return cls._at(
            path,
            Msg("字段 {p} 的已保存内容已损坏或被篡改，无法解密；请重新填写该字段。",
                "The stored value of field {p} is damaged or was altered and cannot be decrypted; fill it in again.")
            .format(p=path),
            detail="field authentication failed",
        )

    @classmethod
    def for_file(cls, sha256: str) -> "FieldDamaged":
        return cls._at(
            sha256,
            Msg("已保存的文件 {h} 已损坏或被篡改，无法解密；请重新添加该文件。",
                "The stored file {h} is damaged or was altered and cannot be decrypted; add the file again.")
            .format(h=sha256[:12]),
            detail="file authentication failed",
        )


    @classmethod
    def _at(cls, where: str, message: Msg, *, detail: str) -> "FieldDamaged":
        error = cls(message, detail=detail)
        error.where = where
        return error


def _subkey(data_key: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"beian-desktop " + label).derive(data_key)


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


class Cipher:
    """Encrypts and decrypts field values and files with one database's data key."""

    def __init__(self, data_key: bytes) -> None:
        if len(data_key) != KEY_BYTES:
            raise ValueError("the data key must be 32 bytes")
        self._aead = AESGCM(_subkey(data_key, b"aes-256-gcm v1"))
        self._mac_key = _subkey(data_key, b"hmac-sha256 lookup v1")
        self.fingerprint = hashlib.sha256(_subkey(data_key, b"fingerprint v1")).hexdigest()[:16]

    # ---- field values ------------------------------------------------------------------------------------------------
    @staticmethod
    def _field_aad(draft_id: str, path: str) -> bytes:
        return f"{draft_id}\x00{path}".encode("utf-8")

    def seal_value(self, draft_id: str, path: str, value: Any) -> Any:
        """The stored form of ``value`` at ``path``: a token for sensitive paths, the value itself otherwise."""
        if not is_sensitive(path):
            return value
        plain = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain, self._field_aad(draft_id, path))
        return FIELD_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open_value(self, draft_id: str, path: str, stored: Any) -> Any:
        """The value behind ``stored`` (:class:`FieldDamaged` when it does not decrypt or is not a token)."""
        if not is_sensitive(path):
            return stored
        if not isinstance(stored, str) or not stored.startswith(FIELD_PREFIX):
            raise FieldDamaged.for_field(path)
        try:
            raw = base64.b64decode(stored[len(FIELD_PREFIX):], validate=True)
            plain = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], self._field_aad(draft_id, path))
            return json.loads(plain.decode("utf-8"))
        except (InvalidTag, binascii.Error, ValueError):
            raise FieldDamaged.for_field(path) from None

    def lookup(self, path: str, value: Any) -> str | None:
        """Keyed hash of an ID number (for :meth:`DraftRepository.find_by_id_number`); ``None`` elsewhere or empty."""
        if not has_lookup(path) or not isinstance(value, str) or not normalise_id_number(value):
            return None
        return self.id_number_hash(value)

    def id_number_hash(self, number: str) -> str:
        return hmac.new(self._mac_key, normalise_id_number(number).encode("utf-8"), hashlib.sha256).hexdigest()

    # ---- files -------------------------------------------------------------------------------------------------------
    def seal_blob(self, sha256: str, data: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return BLOB_MAGIC + nonce + self._aead.encrypt(nonce, data, b"blob\x00" + sha256.encode("ascii"))

    def open_blob(self, sha256: str, stored: bytes) -> bytes:
        if not stored.startswith(BLOB_MAGIC):
            raise FieldDamaged.for_file(sha256)
        body = memoryview(stored)[len(BLOB_MAGIC):]  # no copies of a picture of several MB
        try:
            return self._aead.decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], b"blob\x00" + sha256.encode("ascii"))
        except InvalidTag:
            raise FieldDamaged.for_file(sha256) from None

    # ---- a known value that proves a key belongs to a database -------------------------------------------------------
    def check_token(self, key_id: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        return base64.b64encode(nonce + self._aead.encrypt(nonce, b"beian-desktop", b"check\x00" + key_id.encode())).decode()

    def verify_check(self, key_id: str, token: str) -> bool:
        try:
            raw = base64.b64decode(token, validate=True)
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], b"check\x00" + key_id.encode()) == b"beian-desktop"
        except (InvalidTag, binascii.Error, ValueError):
            return False


def is_sealed_blob(stored: bytes) -> bool:
    return bytes(stored[:4]) == BLOB_MAGIC
