"""Step 5: the documents required by the data so far, one slot per document side, each checked in the background."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QFrame

from beian_desktop.domain.documents import required_documents
from beian_desktop.domain.model import FileRef
from beian_desktop.gui import services
from beian_desktop.gui.forms.ui_document_slot import Ui_DocumentSlot
from beian_desktop.gui.forms.ui_page_documents import Ui_PageDocuments
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets import report_view
from beian_desktop.gui.widgets.image_slot import ImageSlot
from beian_desktop.gui.widgets.keyboard import enter_clicks_buttons
from beian_desktop.gui.widgets.preview import ClickToPreview

#: Fields whose change can change the list of required documents.
RELEVANT = ("subject.", "principal.cert_type", "principal.cert_number", "websites.", "flow")


class DocumentSlotWidget(QFrame):
    """One required document side: drop/browse, thumbnail, results, one-click fixes."""

    def __init__(self, page: "DocumentsPage", required) -> None:
        super().__init__()
        self.ui = Ui_DocumentSlot()
        self.ui.setupUi(self)
        self.page = page
        self.required = required
        self.setObjectName("slot_" + required.slot.replace(".", "_"))
        self.image = ImageSlot("document", required.slot, required.type_id, page.wizard.store, self)
        self.image.busy_changed.connect(self._busy)
        self.image.examined.connect(self.render)
        self.image.file_changed.connect(page.documents_changed)
        self.image.failed.connect(lambda _message: self.render())
        self.ui.browseButton.clicked.connect(self.browse)
        self.ui.rotateButton.clicked.connect(lambda: self.image.apply_fix("rotate"))
        self.ui.compressButton.clicked.connect(lambda: self.image.apply_fix("compress"))
        self.ui.cropButton.clicked.connect(lambda: self.image.apply_fix("crop"))
        self.ui.restoreButton.clicked.connect(self.image.restore_original)
        self.ui.busy.setVisible(False)
        self.ui.slotGrid.setAlignment(self.ui.thumbnail, Qt.AlignmentFlag.AlignTop)
        ClickToPreview(self.ui.thumbnail, lambda: self.image.picture, lambda: msg_text(self.required.name))
        enter_clicks_buttons(self)
        self.render()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("DocumentsPage", "选择证件图片"), "",
                                              report_view.image_file_filter())
        if path:
            self.image.import_file(path)

    def dragEnterEvent(self, event) -> None:
        report_view.accept_image_drag(event)

    def dropEvent(self, event) -> None:
        path = report_view.dropped_image(event)
        if path:
            self.image.import_file(path)

    def _busy(self, busy: bool) -> None:
        self.ui.busy.setVisible(busy)
        for button in (self.ui.browseButton, self.ui.rotateButton, self.ui.compressButton, self.ui.cropButton):
            button.setEnabled(not busy)

    def render(self) -> None:
        ui, image = self.ui, self.image
        ui.nameLabel.setText(msg_text(self.required.name))
        ui.reasonLabel.setText(msg_text(self.required.reason))
        has_file = bool(image.current_hash())
        fixes = applicable_fixes(image.report) if has_file else {}
        ui.rotateButton.setVisible("rotate" in fixes)
        ui.compressButton.setVisible("compress" in fixes)
        ui.compressButton.setText(fixes.get("compress", ""))
        ui.cropButton.setVisible(has_file)
        ui.restoreButton.setVisible(bool(image.ref.fixed_sha256))
        if image.thumbnail is not None:
            ui.thumbnail.setPixmap(QPixmap.fromImage(image.thumbnail))
        elif not has_file:
            ui.thumbnail.setPixmap(QPixmap())
            ui.thumbnail.setText(translate("DocumentsPage", "拖放文件到这里"))
        verdict, lines = report_view.slot_state(image, has_file, busy=translate("DocumentsPage", "检查中…"),
                                                unreadable=translate("DocumentsPage", "无法读取"),
                                                empty=translate("DocumentsPage", "未上传"))
        ui.verdictLabel.setText(verdict)
        if has_file:
            name = image.ref.filename + (translate("DocumentsPage", "（已处理，原图已保留）") if image.ref.fixed_sha256 else "")
            lines.insert(0, name)
        lines += report_view.take_message(image)
        ui.resultsLabel.setText("<br>".join(lines))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.render()
        super().changeEvent(event)


class DocumentsPage(WizardPage):
    page_id = "documents"
    form_class = Ui_PageDocuments

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.slots: dict[str, DocumentSlotWidget] = {}
        self._draft_seen = None
        self._dirty = True

    def title(self) -> str:
        return translate("DocumentsPage", "上传资料")

    def field_changed(self, path: str) -> None:
        if path.startswith(RELEVANT):
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        ui = self.ui
        required = required_documents(self.app)
        if services.checker_available("document"):
            ui.checkerState.setText("")
        else:
            ui.checkerState.setText(translate("DocumentsPage", "证件检查器不可用 / checker not available：文件会被保存，但不会被检查。"))
        new_draft = self._draft_seen != (self.wizard.draft_id, id(self.app))
        wanted = [r.slot for r in required]
        for slot_id in list(self.slots):
            if slot_id not in wanted or new_draft:
                widget = self.slots.pop(slot_id)
                ui.slotsLayout.removeWidget(widget)
                widget.deleteLater()
        refs = {ref.slot: ref for ref in self.app.documents}
        for index, req in enumerate(required):
            widget = self.slots.get(req.slot)
            if widget is None:
                widget = DocumentSlotWidget(self, req)
                self.slots[req.slot] = widget
                widget.image.set_ref(refs.get(req.slot))
            else:
                widget.required = req
                widget.render()
            ui.slotsLayout.insertWidget(index, widget)
        self._draft_seen = (self.wizard.draft_id, id(self.app))
        self._dirty = False

    def documents_changed(self) -> None:
        """A slot's file changed: write the document list into the model and autosave it."""
        refs = {ref.slot: ref for ref in self.app.documents}
        for slot_id, widget in self.slots.items():
            ref = widget.image.ref
            if ref.sha256:
                refs[slot_id] = FileRef(ref.slot, ref.sha256, ref.filename, ref.fixed_sha256, ref.verdict)
            else:
                refs.pop(slot_id, None)
        self.wizard.set_field("documents", [vars_of(r) for r in refs.values()])


def applicable_fixes(report) -> dict[str, str]:
    """The one-click fixes that help this picture, with the button text that says what it does.

    Rotating is offered when the orientation check did not pass; re-encoding when the size or format did: "压缩" for a
    file that is too large, "以更高质量重新保存" for one that is too small, "转换为 JPG" for a format that cannot be
    uploaded (the same fix, ``compress``, brings the file inside the type's byte range). Cropping stays available."""
    checks = {c.id: c for c in getattr(report, "checks", []) or []}
    fixes: dict[str, str] = {}
    orientation = checks.get("orientation")
    if orientation is not None and orientation.status != "pass":
        fixes["rotate"] = translate("DocumentSlot", "旋转")
    size = checks.get("size")
    fmt = checks.get("format")
    if size is not None and size.status != "pass":
        values = size.values or {}
        too_small = values.get("bytes", 0) < values.get("min_bytes", 0)
        if too_small and (checks.get("resolution") is None or checks["resolution"].status == "pass"):
            fixes["compress"] = translate("DocumentSlot", "以更高质量重新保存")
        elif not too_small:
            fixes["compress"] = translate("DocumentSlot", "压缩")
    if "compress" not in fixes and fmt is not None and fmt.status != "pass":
        fixes["compress"] = translate("DocumentSlot", "转换为 JPG")
    return fixes


def vars_of(ref: FileRef) -> dict:
    return {"slot": ref.slot, "sha256": ref.sha256, "filename": ref.filename, "fixed_sha256": ref.fixed_sha256,
            "verdict": ref.verdict}
