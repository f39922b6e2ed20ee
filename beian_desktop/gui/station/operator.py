"""The operator's settings panel of the capture station, behind the PIN."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from beian_desktop.gui.i18n_qt import translate
from beian_desktop.station.pipeline import drafts_waiting_for_photo
from beian_desktop.station.settings import StationSettings

if TYPE_CHECKING:
    from beian_desktop.gui.station.window import StationWindow


class OperatorPanel(QDialog):
    """Operator settings (behind the PIN): auto-capture, display, language, the draft to photograph, a new PIN."""

    def __init__(self, station: "StationWindow") -> None:
        super().__init__(station)
        self.station = station
        s = station.settings
        self.setWindowTitle(translate("Station", "工作人员设置"))
        form = QFormLayout()
        self.good_frames = QSpinBox(self)
        self.good_frames.setRange(1, 100)
        self.good_frames.setValue(s.good_frames)
        form.addRow(translate("Station", "连续合格帧数（自动拍照）"), self.good_frames)
        self.countdown = QDoubleSpinBox(self)
        self.countdown.setRange(0, 10)
        self.countdown.setDecimals(1)
        self.countdown.setValue(s.countdown_seconds)
        form.addRow(translate("Station", "倒计时（秒）"), self.countdown)
        self.allow_warnings = QCheckBox(translate("Station", "有提醒（黄色）时也拍照"), self)
        self.allow_warnings.setChecked(s.allow_warnings)
        form.addRow(self.allow_warnings)
        self.mirror = QCheckBox(translate("Station", "镜像显示（照片本身不镜像）"), self)
        self.mirror.setChecked(s.mirror)
        form.addRow(self.mirror)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if s.language != "en" else 1)
        form.addRow(translate("Station", "语言"), self.language)
        self.camera = QComboBox(self)
        self.camera.addItem(translate("Station", "系统默认摄像头"), "")
        from beian_desktop.gui.station.feeds import camera_devices

        for device_id, description in camera_devices():
            self.camera.addItem(description, device_id)
        index = self.camera.findData(s.camera)
        self.camera.setCurrentIndex(max(0, index))
        form.addRow(translate("Station", "摄像头（重启后生效）"), self.camera)
        self.resolution = QComboBox(self)
        for res in ("1280x720", "1920x1080", "3840x2160"):
            self.resolution.addItem(res, res)
        self.resolution.setCurrentIndex(max(0, self.resolution.findData(s.resolution)))
        form.addRow(translate("Station", "分辨率（重启后生效）"), self.resolution)
        self.new_pin = QLineEdit(self)
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(translate("Station", "留空则不修改"))
        form.addRow(translate("Station", "新的 PIN"), self.new_pin)
        if s.default_pin:
            warning = QLabel(translate("Station", "仍在使用默认 PIN 0000，请修改。"), self)
            warning.setStyleSheet("color: #e67e22;")
            form.addRow(warning)

        self.queue = QListWidget(self)
        none = QListWidgetItem(translate("Station", "（不保存到草稿，只保存到拍照文件夹）"))
        none.setData(Qt.ItemDataRole.UserRole, "")
        self.queue.addItem(none)
        self.queue.setCurrentItem(none)
        if station.store is not None:
            for summary in drafts_waiting_for_photo(station.store):
                item = QListWidgetItem(f"{summary.id[:8]}  {summary.title or translate('Station', '（无标题）')}")
                item.setData(Qt.ItemDataRole.UserRole, summary.id)
                self.queue.addItem(item)
                if summary.id == station.draft_id:
                    self.queue.setCurrentItem(item)
        queue_label = QLabel(translate("Station", "等待拍照的草稿："), self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.quit_button = QPushButton(translate("Station", "退出拍照工位"), self)
        self.quit_button.clicked.connect(self._quit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(queue_label)
        layout.addWidget(self.queue)
        row = QHBoxLayout()
        row.addWidget(self.quit_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

    def selected_draft(self) -> str | None:
        item = self.queue.currentItem()
        return (item.data(Qt.ItemDataRole.UserRole) or None) if item is not None else None

    def accept(self) -> None:
        s = StationSettings(**vars(self.station.settings))
        s.good_frames = self.good_frames.value()
        s.countdown_seconds = self.countdown.value()
        s.allow_warnings = self.allow_warnings.isChecked()
        s.mirror = self.mirror.isChecked()
        s.language = self.language.currentData()
        s.camera = self.camera.currentData()
        s.resolution = self.resolution.currentData()
        if self.new_pin.text():
            s.set_pin(self.new_pin.text())
        self.station.apply_settings(s, self.selected_draft())
        super().accept()

    def _quit(self) -> None:
        self.reject()
        self.station.quit_station()
