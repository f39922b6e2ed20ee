"""The pipeline's pieces: the sharpest recent frame becomes the still, attaching survives a concurrent edit, the
draft queue, and the operator settings file."""

from __future__ import annotations

import json
from dataclasses import replace

import clips
import cv2

from beian_desktop.domain.model import Application, FileRef, Flow
from beian_desktop.station.pipeline import StationPipeline, attach_to_draft, drafts_waiting_for_photo, take_still
from beian_desktop.station.settings import StationSettings
from beian_desktop.station.sources import Frame
from beian_desktop.store import open_store


def test_the_still_is_the_sharpest_of_the_last_passing_frames(tmp_path):
    sharp = clips.frame(clips.GOOD)
    soft = cv2.GaussianBlur(sharp, (0, 0), 1.2)  # still passes the live checks, but less sharp
    pipeline = StationPipeline(StationSettings(good_frames=5, keep_frames=5))
    states = [pipeline.analyse(Frame(img, i, i / 10)) for i, img in enumerate([soft, soft, sharp, soft, soft])]
    assert all(s.guidance.passing for s in states), [s.guidance.hints for s in states]
    assert [s.capture_due for s in states] == [False, False, False, False, True]
    assert pipeline.best_frame().index == 2
    still = take_still(pipeline.best_frame(), tmp_path, pipeline.settings)
    assert still.passed and still.path.exists() and still.report.check("backdrop").values["word"]
    pipeline.reset_streak()
    assert pipeline.best_frame() is None and pipeline.streak == 0


def test_a_failing_still_is_not_kept(tmp_path):
    red = clips.frame(replace(clips.GOOD, shirt="red"))
    still = take_still(Frame(red, 0, 0.0), tmp_path, StationSettings())
    assert not still.passed and still.report.check("clothing").status == "fail"
    assert list(tmp_path.iterdir()) == []


def test_attaching_keeps_a_concurrent_edit(tmp_path):
    """Another window edited the draft after the station loaded its queue: only the photo's fields are written."""
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        draft_id = store.drafts.create(Application(flow=Flow.NEW_ACCESS))
        still = take_still(Frame(clips.frame(clips.GOOD), 0, 0.0), tmp_path / "out", StationSettings())
        before = store.drafts.summary(draft_id).version
        store.drafts.save_field(draft_id, "subject.name", "并发写入的名称")  # the other writer
        sha = attach_to_draft(store, draft_id, still)
        app = store.drafts.load(draft_id)
        assert app.subject.name == "并发写入的名称" and app.photo_verification.photo.sha256 == sha
        assert app.photo_verification.photo.verdict == still.report.verdict
        assert store.drafts.summary(draft_id).version == before + 2  # two committed writes, none lost
        assert not still.path.exists()
    finally:
        store.close()


def test_queue_lists_drafts_without_a_passing_photo(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        empty = store.drafts.create(Application(flow=Flow.NEW_ACCESS))
        done_app = Application(flow=Flow.NEW_ACCESS)
        done_app.photo_verification.photo = FileRef(slot="photo", sha256=store.blobs.put(b"x" * 10), verdict="pass")
        done = store.drafts.create(done_app)
        failed_app = Application(flow=Flow.NEW_ACCESS)
        failed_app.photo_verification.photo = FileRef(slot="photo", sha256=store.blobs.put(b"y" * 10), verdict="fail")
        failed = store.drafts.create(failed_app)
        gone = store.drafts.create(Application(flow=Flow.NEW_ACCESS))
        store.drafts.delete(gone)
        assert [s.id for s in drafts_waiting_for_photo(store)] == [empty, failed]
        assert done not in [s.id for s in drafts_waiting_for_photo(store)]
    finally:
        store.close()


def test_settings_file_round_trip_and_damage(tmp_path):
    settings = StationSettings(good_frames=250, countdown_seconds=-3)
    settings.clamped()
    assert settings.good_frames == 100 and settings.countdown_seconds == 0
    settings.save()
    assert StationSettings.load().good_frames == 100
    StationSettings.path().write_text("{not json", encoding="utf-8")
    assert StationSettings.load() == StationSettings()  # a damaged file gives the defaults, no crash
    StationSettings.path().write_text(json.dumps({"good_frames": "many", "mirror": False}), encoding="utf-8")
    loaded = StationSettings.load()
    assert loaded.good_frames == 10 and loaded.mirror is False  # wrong types are ignored field by field
