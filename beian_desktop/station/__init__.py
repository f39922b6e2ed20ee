"""Capture station (拍照工位): a live camera view that guides the person and takes the backdrop photo itself.

Layers, like the rest of the app:

* :mod:`.sources` — frame sources without Qt (synthetic frames for tests, video files decoded by OpenCV);
* :mod:`.guidance` — short hints, traffic lights and edge coverage derived from a live report's values and geometry;
* :mod:`.pipeline` — the per-frame pipeline shared by the GUI and the headless command (live check → guidance →
  auto-capture after N passing analysed frames → full still check → attach to a draft);
* :mod:`.settings` — the operator settings (PIN-protected in the window).

The Qt side is :mod:`beian_desktop.gui.station`: ``feeds`` (a pulled source paced in a thread, a video file through
``QMediaPlayer``, a camera through ``QCamera``; the last two need the optional ``camera`` extra, PySide6-Addons) and
``window`` (the full-screen kiosk window).
"""
