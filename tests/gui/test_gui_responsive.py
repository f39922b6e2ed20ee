"""Image checks run off the GUI thread: the event loop keeps running while a 12 MP photo is checked."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image
from PySide6.QtCore import QTimer


def twelve_megapixel_jpeg() -> bytes:
    rng = np.random.default_rng(1)
    small = rng.integers(0, 255, size=(300, 400, 3), dtype=np.uint8)
    image = Image.fromarray(small).resize((4000, 3000))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def test_event_loop_keeps_running_during_a_12mp_photo_check(make_window, store, qtbot, tmp_path):
    photo_file = tmp_path / "big.jpg"
    photo_file.write_bytes(twelve_megapixel_jpeg())
    window = make_window(restore=False)
    window.new_draft()
    window.wizard.go_to("photo")
    page = window.wizard.page("photo")

    ticks_while_busy = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: page.image.busy and ticks_while_busy.append(1))
    timer.start()
    page.image.import_file(str(photo_file))
    assert page.image.busy and page.ui.busy.isVisibleTo(page)  # progress shown, control returned at once
    qtbot.waitUntil(lambda: not page.image.busy, timeout=60000)
    timer.stop()
    assert len(ticks_while_busy) >= 2, "the GUI thread was blocked during the check"
    assert page.image.report is not None or page.image.unavailable is not None
    assert page.ui.verdictLabel.text() not in ("", "正在检查照片…")
