"""Step 6: photo verification of the website owner — Shanghai app instructions, or backdrop mailing + photo check."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QFileDialog

from beian_desktop.domain.rules import PhotoMethod, rules_in_force
from beian_desktop.gui import services
from beian_desktop.gui.forms.ui_page_photo import Ui_PagePhoto
from beian_desktop.gui.i18n_qt import translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets import report_view
from beian_desktop.gui.widgets.image_slot import ImageSlot
from beian_desktop.gui.widgets.preview import ClickToPreview

PREVIEW_W, PREVIEW_H = 316, 236  # the label's minimum size, less the frame


class PhotoPage(WizardPage):
    page_id = "photo"
    form_class = Ui_PagePhoto

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.image = ImageSlot("photo", "photo", None, wizard.store, self)
        self.image.busy_changed.connect(self._busy)
        self.image.examined.connect(self.render_photo)
        self.image.file_changed.connect(self._file_changed)
        self.image.failed.connect(lambda _message: self.render_photo())
        self.ui.importButton.clicked.connect(self.browse)
        self.ui.recheckButton.clicked.connect(self.image.recheck)
        self._fill_profiles()
        self.ui.profileCombo.currentIndexChanged.connect(self._profile_changed)
        self.ui.busy.setVisible(False)
        self.setAcceptDrops(True)
        ClickToPreview(self.ui.imageLabel, lambda: self.image.picture, lambda: translate("PhotoPage", "幕布照片"))
        self._loaded_for = None

    def title(self) -> str:
        return translate("PhotoPage", "拍照核验")

    @property
    def shanghai(self) -> bool:
        return rules_in_force(date.today()).photo.method_for(self.app.subject.province) is PhotoMethod.SHANGHAI_APP

    def field_changed(self, path: str) -> None:
        if path == "subject.province":
            self.refresh()

    def refresh(self) -> None:
        self.ui.modeStack.setCurrentWidget(self.ui.shanghaiPage if self.shanghai else self.ui.backdropPage)
        key = (self.wizard.draft_id, id(self.app))
        if self._loaded_for != key:
            self._loaded_for = key
            self.image.store = self.wizard.store
            ref = self.app.photo_verification.photo
            self.image.set_ref(ref if ref.sha256 else None)
        self.render_photo()

    # ---- photo profile (which background rules apply) -------------------------------------------------------------
    def _fill_profiles(self) -> None:
        from beian_desktop.i18n import current_language
        from beian_desktop.imaging.profiles import default_profile_id, get_profile, profile_ids

        combo = self.ui.profileCombo
        chosen = combo.currentData() or self.image.profile or default_profile_id()
        combo.blockSignals(True)
        combo.clear()
        for pid in profile_ids():
            combo.addItem(get_profile(pid).name.text(current_language()), pid)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.setProperty("fitContents", True)  # the profile names are long but few: show them whole
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.blockSignals(False)

    def _profile_changed(self) -> None:
        profile = self.ui.profileCombo.currentData()
        if profile and profile != self.image.profile:
            self.image.profile = profile
            self.image.recheck()

    # ---- import ---------------------------------------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("PhotoPage", "选择幕布照片"), "", report_view.image_file_filter())
        if path:
            self.image.import_file(path)

    def dragEnterEvent(self, event) -> None:
        if not self.shanghai:
            report_view.accept_image_drag(event)

    def dropEvent(self, event) -> None:
        path = report_view.dropped_image(event)
        if path and not self.shanghai:
            self.image.import_file(path)

    def _file_changed(self) -> None:
        ref = self.image.ref
        for name in ("slot", "sha256", "filename", "fixed_sha256", "verdict"):
            if getattr(self.app.photo_verification.photo, name) != getattr(ref, name):
                self.wizard.set_field(f"photo_verification.photo.{name}", getattr(ref, name))

    def _busy(self, busy: bool) -> None:
        self.ui.busy.setVisible(busy)
        self.ui.importButton.setEnabled(not busy)
        self.ui.recheckButton.setEnabled(not busy and bool(self.image.current_hash()))
        self.render_photo()

    # ---- display --------------------------------------------------------------------------------------------------
    def render_photo(self) -> None:
        ui, image = self.ui, self.image
        has_file = bool(image.current_hash())
        ui.recheckButton.setEnabled(has_file and not image.busy)
        if image.picture is not None:
            area = ui.imageLabel.contentsRect().size()
            width, height = max(area.width() - 4, PREVIEW_W), max(area.height() - 4, PREVIEW_H)
            pix = QPixmap.fromImage(image.picture).scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio,
                                                          Qt.TransformationMode.SmoothTransformation)
            ui.imageLabel.setPixmap(pix)
        elif not has_file:
            ui.imageLabel.setPixmap(QPixmap())
            ui.imageLabel.setText(translate("PhotoPage", "拖放照片到这里"))
        verdict, lines = report_view.slot_state(image, has_file, busy=translate("PhotoPage", "正在检查照片…"),
                                                unreadable=translate("PhotoPage", "无法读取"),
                                                empty=translate("PhotoPage", "尚未导入照片"))
        ui.verdictLabel.setText(verdict)
        if not has_file and not image.busy and not services.checker_available("photo"):
            lines.append(report_view.unavailable_text())
        lines += report_view.take_message(image)
        ui.resultsLabel.setText("".join(lines))

    def retranslate(self) -> None:
        self._fill_profiles()
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override: keep the picture fitted to its frame
        super().resizeEvent(event)
        if self.image.picture is not None:
            self.render_photo()
