"""Helpers of the privacy tests: the full sample draft (fields, document pictures, a photo) and what to grep for."""

from __future__ import annotations

import io

from beian_desktop.domain.model import FileRef
from beian_desktop.sample import attach_sample_documents, sample_application
from beian_desktop.store import open_store

ID_NUMBER = "330106198503121231"  # the sample principal's ID number
PHONE = "13957112345"  # the sample principal's mobile
JPEG = b"\xff\xd8\xff"
#: The JPEG header as a grep would look for it: SOI, then the JFIF APP0 segment. (The three bytes FF D8 FF alone occur
#: by chance about once per 16 MiB of random ciphertext, so they cannot tell a picture from encrypted data.)
JPEG_HEADER = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def jpeg_photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 30, 200)).save(out, format="JPEG")
    return out.getvalue()


def url_of(path) -> str:  # noqa: ANN001
    return f"sqlite:///{path}"


def fill_sample(store) -> str:  # noqa: ANN001
    """Save the full sample draft as the GUI would: fields, every required document picture, the backdrop photo."""
    draft_id = store.drafts.create(sample_application())
    attach_sample_documents(store, draft_id, check=False)
    digest = store.blobs.put(jpeg_photo(), media_type="image/jpeg")
    store.drafts.set_fields(draft_id, {"photo_verification.photo.sha256": digest,
                                       "photo_verification.photo.slot": "photo"})
    store.drafts.save_field(draft_id, "principal.mobile", PHONE)  # one autosave through the WAL
    return draft_id
