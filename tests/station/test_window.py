"""The station window (pytest-qt, offscreen): live guidance, frames dropped while the analysis is busy, auto-capture
into a draft, manual capture, camera loss and recovery, the operator PIN, English, and the camera-less help."""

from __future__ import annotations

from dataclasses import replace

import clips
import pytest
from PySide6.QtCore import Qt

from beian_desktop.domain.model import Application, Flow
from beian_desktop.gui.i18n_qt import set_ui_language
from beian_desktop.gui.station import feeds
from beian_desktop.gui.station.feeds import PullFeed
from beian_desktop.gui.station.window import StationWindow
from beian_desktop.station.settings import StationSettings
from beian_desktop.station.sources import Frame, SyntheticSource
from beian_desktop.store import open_store

RED = replace(clips.GOOD, shirt="red")

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def station(qtbot, tmp_path):
    """``station(scene, **settings)`` → (window, source): the window fed with endless frames of ``scene``."""
    made = []

    def make(scene=clips.GOOD, *, fps=25.0, store=None, draft_id=None, realtime=True, count=None, **overrides):
        settings = replace(StationSettings(good_frames=1000, countdown_seconds=0.3), **overrides)
        image = clips.frame(scene)
        source = SyntheticSource(lambda i: image, count=count, fps=fps)
        window = StationWindow(None, settings, tmp_path / "captures", store=store, draft_id=draft_id)
        qtbot.addWidget(window)
        window.resize(1280, 760)
        window.show()
        window.set_feed(PullFeed(source, realtime=realtime, retry_interval=0.05))
        made.append(window)
        return window, source

    yield make
    for window in made:
        window.shutdown()
    set_ui_language("zh_CN")


def test_every_frame_is_shown_but_frames_are_dropped_while_the_analysis_is_busy(qtbot, station):
    window, _ = station(fps=100)  # 100 frames a second: faster than they can be analysed
    qtbot.waitUntil(lambda: window.frames_analysed >= 4, timeout=60_000)
    in_flight = 1 if window.busy else 0
    # each frame was analysed, is being analysed (at most one) or was dropped: none waits in a queue
    assert window.frames_analysed + in_flight + window.frames_dropped == window.frames_seen
    assert window.frames_dropped > 0
    assert window.view.painted >= 1


def test_guidance_and_lights_follow_the_person(qtbot, station):
    window, _ = station(RED, good_frames=3)
    qtbot.waitUntil(lambda: window.frames_analysed >= 12, timeout=30_000)
    assert window.banner == "请换非红/蓝色上衣"
    assert window.lights.lights["clothing"] == "fail" and window.lights.lights["face_count"] == "pass"
    assert window.last_still is None and window.state == "live"  # never a capture while something fails


def test_auto_capture_after_n_good_frames_goes_into_the_chosen_draft(qtbot, station, tmp_path):
    db = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    store = open_store(db)
    try:
        draft_id = store.drafts.create(Application(flow=Flow.NEW_ACCESS))
        window, _ = station(store=store, draft_id=draft_id, good_frames=3)
        assert draft_id[:8] in window.draft_label.text()
        countdowns = []
        window.view.update = lambda: countdowns.append(window.view.countdown)  # record what the screen shows
        with qtbot.waitSignal(window.capture_finished, timeout=60_000) as captured:
            pass
        still = captured.args[0]
        assert still.passed and still.report.verdict == "pass"
        assert any(c is not None for c in countdowns)  # a countdown was shown before the photo
        photo = store.drafts.load(draft_id).photo_verification.photo
        assert photo.sha256 and photo.verdict == "pass"
        assert store.blobs.get(photo.sha256) == still.data
        assert not any((tmp_path / "captures").iterdir())  # the local copy is gone
        assert "拍照完成" in window.notice and window.draft_id is None
    finally:
        store.close()


def test_space_bar_captures_at_once_and_keeps_the_photo_without_a_draft(qtbot, station, tmp_path):
    window, _ = station()  # auto-capture would need 1000 frames
    qtbot.waitUntil(lambda: window.frames_analysed >= 1, timeout=30_000)
    with qtbot.waitSignal(window.capture_finished, timeout=30_000) as captured:
        qtbot.keyClick(window, Qt.Key.Key_Space)
    still = captured.args[0]
    assert still.passed and still.path.exists() and still.path.parent == tmp_path / "captures"


def test_a_failing_still_says_why_and_guidance_resumes(qtbot, station):
    window, _ = station(RED)
    qtbot.waitUntil(lambda: window.frames_analysed >= 1, timeout=30_000)
    window.capture_now()
    qtbot.waitUntil(lambda: window.last_still is not None, timeout=30_000)
    assert not window.last_still.passed and not window.last_still.path.exists()  # a failed still is not kept
    assert window.notice.startswith("照片未通过检查：") and "红" in window.notice
    analysed = window.frames_analysed
    qtbot.waitUntil(lambda: window.frames_analysed > analysed + 2, timeout=30_000)
    assert window.state == "live"


def test_camera_unplugged_mid_stream_shows_a_message_and_recovers(qtbot, station):
    window, source = station()
    qtbot.waitUntil(lambda: window.frames_seen >= 5, timeout=30_000)
    source.unplug()
    qtbot.waitUntil(lambda: "摄像头已断开" in window.notice, timeout=10_000)
    assert window.source_lost
    seen = window.frames_seen
    qtbot.wait(300)
    assert window.frames_seen <= seen + 1  # nothing comes while it is gone
    source.replug()
    qtbot.waitUntil(lambda: window.notice == "摄像头已恢复", timeout=10_000)
    qtbot.waitUntil(lambda: window.frames_seen > seen + 5, timeout=10_000)
    assert not window.source_lost


def test_operator_settings_are_behind_the_pin(qtbot, station, tmp_path):
    db = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    store = open_store(db)
    try:
        waiting = store.drafts.create(Application(flow=Flow.NEW_ACCESS))
        window, _ = station(store=store)
        assert window.open_operator_panel("1234") is None and window.notice == "PIN 不正确"
        panel = window.open_operator_panel("0000")  # the default PIN until the operator sets one
        assert panel is not None
        ids = [panel.queue.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.queue.count())]
        assert ids == ["", waiting]  # the queue: drafts waiting for a photo
        panel.queue.setCurrentRow(1)
        panel.good_frames.setValue(7)
        panel.new_pin.setText("2468")
        panel.accept()
        assert window.settings.good_frames == 7 and window.draft_id == waiting
        saved = StationSettings.load()
        assert saved.good_frames == 7 and saved.pin_matches("2468") and not saved.pin_matches("0000")
        assert "2468" not in saved.path().read_text(encoding="utf-8")  # only a salted hash is stored
        assert window.open_operator_panel("0000") is None
    finally:
        store.close()


def test_english_texts(qtbot, station):
    set_ui_language("en")
    window, _ = station(RED)
    qtbot.waitUntil(lambda: window.frames_analysed >= 3, timeout=30_000)
    assert window.banner == "Please change to a top that is not red or blue"
    assert window.operator_button.text() == "Operator settings"


def test_camera_without_qtmultimedia_explains_how_to_enable_it(qtbot, monkeypatch, tmp_path):
    from beian_desktop.gui.station.app import build_window

    monkeypatch.setattr(feeds, "multimedia_available", lambda: False)
    window = build_window("camera", StationSettings(), capture_to=tmp_path)
    qtbot.addWidget(window)
    try:
        assert window.feed is None
        assert "pip install 'beian-desktop[camera]'" in window.notice and "libpulse0" in window.notice
    finally:
        window.shutdown()


@pytest.mark.parametrize(("lang", "hint"), [("zh_CN", "向左一点"), ("en", "A little to your left")])
def test_rendered_station_shows_the_picture_and_the_hint(qapp, tmp_path, lang, hint):
    import cv2

    from beian_desktop.gui.station.screenshot import render_station

    scene = replace(clips.GOOD, centre_x=0.33)  # off to the side: the picture's left is the person's right
    out = render_station(clips.frame(scene), tmp_path / "station.png", lang=lang, size=(1200, 700))
    shot = cv2.imread(str(out))
    assert shot.shape[:2] == (700, 1200)
    blue = (shot[..., 0].astype(int) - shot[..., 2]) > 60  # the backdrop's blue fills most of the view
    assert blue.mean() > 0.3
    set_ui_language("zh_CN")
    from beian_desktop.station.guidance import HINTS

    assert HINTS["move_left"].text(lang) == hint


def test_the_station_window_captures_from_a_video_file(qtbot, make_clip, tmp_path):
    """What ``beian-desktop station --source FILE`` opens: the file's feed (QMediaPlayer, else OpenCV) into the window."""
    from beian_desktop.gui.station.app import build_window

    settings = StationSettings(good_frames=3, countdown_seconds=0.2)
    window = build_window(str(make_clip("STAND")), settings, capture_to=tmp_path)
    qtbot.addWidget(window)
    try:
        window.show()
        with qtbot.waitSignal(window.capture_finished, timeout=60_000) as captured:
            pass
        assert captured.args[0].passed and captured.args[0].path.parent == tmp_path
        assert window.frames_analysed >= 3 and window.frames_seen >= window.frames_analysed
    finally:
        window.shutdown()


def test_kiosk_window_closes_only_from_the_operator_panel(qtbot, station):
    window, _ = station()
    window.kiosk = True
    window.close()  # e.g. Alt+F4 on the person's side
    assert window.isVisible()
    panel = window.open_operator_panel("0000")
    panel.quit_button.click()
    assert not window.isVisible()


def test_window_guides_through_a_clip_in_order_and_captures_only_in_the_good_part(qtbot, make_clip, tmp_path):
    """A generated clip (nobody, then off to the side, then far away, then well placed) played at 5 fps."""
    from beian_desktop.station.sources import VideoFileSource

    settings = StationSettings(good_frames=6, countdown_seconds=0.4)
    window = StationWindow(None, settings, tmp_path)
    qtbot.addWidget(window)
    shown = []
    try:
        window.show()
        window.on_frame(Frame(clips.frame(clips.EMPTY), -1, 0.0))  # warm up (models load) before the clip starts
        qtbot.waitUntil(lambda: window.frames_analysed == 1, timeout=30_000)
        window.guidance_shown.connect(lambda text: shown.append((window.last_state.frame.index, text)))
        with qtbot.waitSignal(window.capture_finished, timeout=60_000) as captured:
            window.set_feed(PullFeed(VideoFileSource(make_clip("WALK_IN_LONG")), fps=5))
        texts = [t for i, (_, t) in enumerate(shown) if i == 0 or t != shown[i - 1][1]]
        order = [texts.index(t) for t in ("请站到幕布前", "向左一点", "靠近一些", "很好，请保持")]
        assert order == sorted(order), texts
        still = captured.args[0]
        good = clips.start_of(clips.WALK_IN_LONG, "good")
        assert still.passed and still.frame.index >= good
        # never a capture while something failed: N passing analysed frames in a row came before it
        assert [t for _, t in shown[-settings.good_frames:]] == ["很好，请保持"] * settings.good_frames
    finally:
        window.shutdown()


def test_device_still_is_used_when_the_camera_offers_one_and_frames_otherwise(qtbot, station, monkeypatch):
    from beian_desktop.gui.station import window as window_module

    window, _ = station()
    qtbot.waitUntil(lambda: window.frames_analysed >= 1, timeout=30_000)
    feed = window.feed
    full = clips.frame(replace(clips.GOOD, size=(1920, 1080)))  # the camera's still is larger than its video
    monkeypatch.setattr(type(feed), "supports_still", True, raising=False)
    monkeypatch.setattr(feed, "capture_still", lambda: (feed.still.emit(full), True)[1])
    with qtbot.waitSignal(window.capture_finished, timeout=30_000) as captured:
        window.capture_now()
    assert captured.args[0].report.image_size == (1920, 1080)
    # a camera that promises a still and never delivers: after the timeout the video frames are used
    monkeypatch.setattr(window_module, "DEVICE_STILL_TIMEOUT", 0.2)
    monkeypatch.setattr(feed, "capture_still", lambda: True)
    with qtbot.waitSignal(window.capture_finished, timeout=30_000) as captured:
        window.capture_now()
    assert captured.args[0].report.image_size == (1280, 720)
