"""Helpers shared by the GUI tests (imported as ``gui_helpers``)."""

from __future__ import annotations

import io


def type_text(widget, text: str) -> None:
    """Type into a line edit like a user (``keyClicks`` cannot type Chinese): setText + the user-edit signal."""
    widget.setFocus()
    widget.setText(text)
    widget.textEdited.emit(text)


def choose(combo, value) -> None:
    """Select the item whose data is ``value`` (as a user picking it)."""
    for i in range(combo.count()):
        if combo.itemData(i) == value and type(combo.itemData(i)) is type(value):
            combo.setCurrentIndex(i)
            return
    raise AssertionError(f"{value!r} not offered by {combo.objectName()}")


def jpeg_bytes(width: int, height: int, colour=(40, 90, 200), seed: int = 0) -> bytes:
    """A small generated JPEG (blue-ish with noise) for import tests."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    pixels = np.empty((height, width, 3), dtype=np.uint8)
    pixels[:] = colour
    noise = rng.integers(-20, 20, size=(height, width, 1), dtype=np.int16)
    pixels = np.clip(pixels.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="JPEG", quality=85)
    return out.getvalue()
