"""Step 6: photo verification of the website owner — Shanghai app instructions, or backdrop mailing + photo check."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QFileDialog, QRadioButton

from beian_desktop.domain.rules import PhotoMethod, rules_in_force
from beian_desktop.gui import services
from beian_desktop.gui.forms.ui_page_photo import Ui_PagePhoto
from beian_desktop.gui import timeutil
from beian_desktop.gui.i18n_qt import current, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets import report_view
from beian_desktop.gui.widgets.image_slot import ImageSlot
from beian_desktop.gui.widgets.preview import ClickToPreview

PREVIEW_W, PREVIEW_H = 316, 236  # the label's minimum size, less the frame


def app_upload_note(province_code: str) -> str:
    """For the provinces the rule data lists (the seed: 粤渝辽皖闽): documents and the photo may also be uploaded in
    the Alibaba Cloud app. Empty elsewhere."""
    from beian_desktop.domain.rules import province_by_code

    rules = rules_in_force(date.today()).photo
    province = province_by_code(province_code) if province_code else None
    if province is None or province.code not in rules.app_upload_provinces:
        return ""
    name = province.name if current() != "en" else province.en
    return translate("PhotoPage", "{province}的用户也可以在阿里云 App 中上传证件资料并完成网站负责人拍照核验。").replace(
        "{province}", name)


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
        self.ui.shanghaiDone.toggled.connect(self._shanghai_done_toggled)
        self.ui.haveBackdrop.toggled.connect(lambda on: on and self._backdrop_chosen("have"))
        self.ui.requestBackdrop.toggled.connect(lambda on: on and self._backdrop_chosen("request"))

    def title(self) -> str:
        return translate("PhotoPage", "拍照核验")

    @property
    def shanghai(self) -> bool:
        return rules_in_force(date.today()).photo.method_for(self.app.subject.province) is PhotoMethod.SHANGHAI_APP

    def field_changed(self, path: str) -> None:
        if path == "subject.province":
            self.refresh()

    # ---- Shanghai: the bureau app's check; elsewhere: the backdrop ----------------------------------------------------
    def _shanghai_done_toggled(self, done: bool) -> None:
        """Record (or take back) that the website owner's check in the Shanghai bureau's app was done, with the time."""
        pv = self.app.photo_verification
        if done and not pv.shanghai_app_done_at:
            self.wizard.set_field("photo_verification.shanghai_app_done_at", timeutil.to_store(timeutil.now_cst()))
        elif not done and pv.shanghai_app_done_at:
            self.wizard.set_field("photo_verification.shanghai_app_done_at", "")
        self._show_choices()
        self.wizard.validate_now()  # the step list shows the photo step done (or not) at once

    def _backdrop_chosen(self, choice: str) -> None:
        if self.app.photo_verification.backdrop != choice:
            self.wizard.set_field("photo_verification.backdrop", choice)
        self._show_choices()

    def _show_choices(self) -> None:
        """The Shanghai record, the backdrop choice (the mailing address only when a backdrop is requested) and the
        provinces whose applicants may also upload through the Alibaba Cloud app (rule data)."""
        ui, pv = self.ui, self.app.photo_verification
        done = timeutil.parse(pv.shanghai_app_done_at)
        for widget, checked in ((ui.shanghaiDone, done is not None), (ui.haveBackdrop, pv.backdrop == "have"),
                                (ui.requestBackdrop, pv.backdrop == "request")):
            widget.blockSignals(True)
            if isinstance(widget, QRadioButton) and not checked and widget.isChecked():
                widget.setAutoExclusive(False)  # radio buttons cannot be unchecked while exclusive
                widget.setChecked(False)
                widget.setAutoExclusive(True)
            else:
                widget.setChecked(checked)
            widget.blockSignals(False)
        ui.shanghaiDoneLabel.setText(
            translate("PhotoPage", "已记录：{time}完成核验。").replace(
                "{time}", timeutil.labelled(done)) if done is not None else
            translate("PhotoPage", "完成 App 核验后勾选，进度和填写清单会显示已完成。"))
        ui.mailingGroup.setVisible(pv.backdrop != "have")
        ui.backdropChoiceNote.setText({
            "have": translate("PhotoPage", "不需要邮寄：直接用已有的阿里云幕布拍照，并在下面检查照片。"),
            "request": translate("PhotoPage", "在阿里云备案系统中点击“填写邮寄地址”，填写与下面相同的地址（仅限中国大陆）。"),
        }.get(pv.backdrop, translate("PhotoPage", "请选择：已有阿里云幕布，或申请阿里云邮寄一块。")))
        ui.appUploadNote.setText(app_upload_note(self.app.subject.province))
        ui.appUploadNote.setVisible(bool(ui.appUploadNote.text()))

    def refresh(self) -> None:
        self.ui.modeStack.setCurrentWidget(self.ui.shanghaiPage if self.shanghai else self.ui.backdropPage)
        self._show_choices()
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
