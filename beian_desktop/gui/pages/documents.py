"""Step 5: the documents required by the data so far, one slot per document side, each checked in the background."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel

from beian_desktop.domain.documents import document_type, required_documents
from beian_desktop.domain.model import CertType, FileRef, SubjectNature
from beian_desktop.gui import services
from beian_desktop.gui.forms.ui_document_slot import Ui_DocumentSlot
from beian_desktop.gui.forms.ui_page_documents import Ui_PageDocuments
from beian_desktop.gui.i18n_qt import count as i18n_count
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets import report_view
from beian_desktop.gui.widgets.colours import colour
from beian_desktop.gui.widgets.image_slot import ImageSlot
from beian_desktop.gui.widgets.keyboard import enter_clicks_buttons
from beian_desktop.gui.widgets.preview import ClickToPreview
from beian_desktop.i18n import Msg

#: Fields whose change can change the list of required documents.
RELEVANT = ("subject.", "principal.cert_type", "principal.cert_number", "websites.", "flow")


# page width from which the document cards flow in two columns (each card then about 650 px wide)
TWO_COLUMNS_MIN_WIDTH = 1320

#: Documents also accept one-page PDF scans (rendered and checked; the package gets a JPEG).
DOCUMENT_SUFFIXES = report_view.IMAGE_SUFFIXES + (".pdf",)


def _document_paths(event) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(DOCUMENT_SUFFIXES)]


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
        self.image.side = required.side if len(document_type(required.type_id).sides) > 1 else None
        self.image.expect_provider = self._expect_now
        #: the draft values the last check compared (a change re-checks the document when the page is shown)
        self.compared: dict[str, str] = {}
        self.ui.contentLabel.linkActivated.connect(self._jump)
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
        self.ui.slotGrid.setRowStretch(5, 1)  # the texts stay together at the top, the buttons at the bottom
        self.ui.detailsButton.toggled.connect(self._show_details)
        self.ui.passedLabel.setVisible(False)
        self.preview = ClickToPreview(self.ui.thumbnail, lambda: self.image.picture, lambda: msg_text(self.required.name))
        enter_clicks_buttons(self)
        self.render()

    def expected(self) -> dict[str, tuple[str, str]]:
        """The draft's values this document must carry: field id -> (value, field path for the jump link)."""
        return expected_values(self.page.app, self.required)

    def expected_now(self) -> dict[str, str]:
        return {field: value for field, (value, _path) in self.expected().items()}

    def _expect_now(self) -> dict[str, str]:
        self.compared = self.expected_now()
        return self.compared

    def _jump(self, path: str) -> None:
        self.page.wizard.jump_to_field(path)

    def browse(self) -> None:
        patterns = " ".join("*" + suffix for suffix in DOCUMENT_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(self, translate("DocumentsPage", "选择证件图片"), "",
                                              translate("DocumentsPage", "图片或 PDF") + f" ({patterns})")
        if path:
            self.image.import_file(path)

    def dragEnterEvent(self, event) -> None:
        if _document_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        paths = _document_paths(event)
        if paths:
            event.acceptProposedAction()
            self.image.import_file(paths[0])
        else:
            event.ignore()

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
        passed = ""
        if image.report is not None and not image.busy:
            # the card shows what is wrong (failures, warnings); the passed checks wait behind "详情"
            lines = [report_view.checks_html(image.report, ("fail", "warn"))]
            passed = report_view.checks_html(image.report, ("pass",))
        if has_file:
            name = html.escape(image.ref.filename)
            if image.ref.fixed_sha256:
                name += html.escape(translate("DocumentsPage", "（已处理，原图已保留）"))
            lines.insert(0, name)
        lines += report_view.take_message(image)
        ui.resultsLabel.setText("<br>".join(line for line in lines if line))
        ui.contentLabel.setText(self._content_html())
        ui.contentLabel.setVisible(bool(ui.contentLabel.text()))
        ui.passedLabel.setText(passed)
        count = passed.count("<li>")
        ui.detailsButton.setVisible(bool(count))
        ui.detailsButton.setText(translate("DocumentSlot", "详情") + f" ({i18n_count(count, '项检查通过', 'check passed', 'checks passed')})")
        self._show_details(ui.detailsButton.isChecked())

    def _show_details(self, shown: bool) -> None:
        """The "详情" toggle: the passed checks below the failures and warnings."""
        self.ui.passedLabel.setVisible(shown and bool(self.ui.passedLabel.text()))
        self.ui.detailsButton.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _content_html(self) -> str:
        """What the document was recognised as and which typed values it contradicts, each with a jump link."""
        check = self.image.report.check("content") if self.image.report is not None and not self.image.busy else None
        if check is None:
            return ""
        values, parts = check.values, []
        kind = values.get("kind_name")
        if kind:
            name = html.escape(msg_text(Msg(kind["zh_CN"], kind["en"])))
            if values.get("expected_kind"):
                text = translate("DocumentsPage", "这看起来是{kind}，不是这里需要的证件面").replace("{kind}", name)
                parts.append(f'<span style="color:{colour("warn")}">{text}</span>')
            else:
                parts.append(translate("DocumentsPage", "识别为：{kind}").replace("{kind}", name))
        paths = {field: path for field, (_value, path) in self.expected().items()}
        for field, result in (values.get("fields") or {}).items():
            if result["status"] == "pass":
                continue
            label = html.escape(msg_text(Msg(result["name"]["zh_CN"], result["name"]["en"])))
            if result["status"] == "fail":
                text = translate("DocumentsPage", "{field}与填写的不一致").replace("{field}", label)
            else:
                text = translate("DocumentsPage", "{field}无法确认，请核对").replace("{field}", label)
            link = ""
            if field in paths:
                edit = translate("DocumentsPage", "去修改")
                link = f' <a href="{html.escape(paths[field])}">{html.escape(edit)}</a>'
            parts.append(f'<span style="color:{colour(result["status"])}">{text}</span>{link}')
        if values.get("expired"):
            expired = translate("DocumentsPage", "证件已过期")
            parts.append(f'<span style="color:{colour("fail")}">{html.escape(expired)}</span>')
        return "<br>".join(parts)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.render()
        super().changeEvent(event)


class DocumentsPage(WizardPage):
    page_id = "documents"
    form_class = Ui_PageDocuments
    # wider than the form pages: on a 1920 px screen the cards flow in two columns
    max_width = 1760

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.app_note = QLabel(self)  # the provinces whose applicants may also upload in the Alibaba Cloud app
        self.app_note.setObjectName("appUploadNote")
        self.app_note.setWordWrap(True)
        self.ui.pageLayout.insertWidget(1, self.app_note)
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

    def _recheck_changed_values(self) -> None:
        """Documents whose expected values changed since their last check are checked again (on showing the page,
        not on every keystroke: reading a document takes a moment)."""
        for widget in self.slots.values():
            if widget.image.current_hash() and not widget.image.busy and widget.expected_now() != widget.compared:
                widget.image.recheck()

    def refresh(self) -> None:
        ui = self.ui
        required = required_documents(self.app)
        if services.checker_available("document"):
            ui.checkerState.setText("")
        else:
            ui.checkerState.setText(translate("DocumentsPage", "证件检查器不可用 / checker not available：文件会被保存，但不会被检查。"))
        from beian_desktop.gui.pages.photo import app_upload_note

        self.app_note.setText(app_upload_note(self.app.subject.province))
        self.app_note.setVisible(bool(self.app_note.text()))
        new_draft = self._draft_seen != (self.wizard.draft_id, id(self.app))
        wanted = [r.slot for r in required]
        for slot_id in list(self.slots):
            if slot_id not in wanted or new_draft:
                widget = self.slots.pop(slot_id)
                ui.slotsLayout.removeWidget(widget)
                widget.hide()  # gone from the page now, not only when Qt deletes it
                widget.deleteLater()
        refs = {ref.slot: ref for ref in self.app.documents}
        for req in required:
            widget = self.slots.get(req.slot)
            if widget is None:
                widget = DocumentSlotWidget(self, req)
                self.slots[req.slot] = widget
                widget.image.set_ref(refs.get(req.slot))
            else:
                widget.required = req
                widget.render()
        self._order = wanted
        self._reflow(force=True)
        self._recheck_changed_values()
        self._draft_seen = (self.wizard.draft_id, id(self.app))
        self._dirty = False

    _order: list[str] = []
    _columns = 0

    def columns_for(self, width: int) -> int:
        """Two columns of cards on a wide screen (1920×1080), one on narrower ones."""
        return 2 if width >= TWO_COLUMNS_MIN_WIDTH else 1

    def _reflow(self, force: bool = False) -> None:
        """Place the cards in the grid in the required order, in one or two columns."""
        columns = self.columns_for(self.width())
        if columns == self._columns and not force:
            return
        self._columns = columns
        grid = self.ui.slotsLayout
        for widget in self.slots.values():
            grid.removeWidget(widget)
        for index, slot_id in enumerate(self._order):
            grid.addWidget(self.slots[slot_id], index // columns, index % columns)
        for column in range(2):
            grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._reflow()

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


def expected_values(app, required) -> dict[str, tuple[str, str]]:
    """The draft's values a required document must carry (for the content check): field id -> (value, field path).

    ID cards carry the person's name and ID number; the subject's licence and the authenticity form the subject's
    name and credit code (not for individuals). Empty fields are left out."""
    out: dict[str, tuple[str, str]] = {}
    if required.type_id == "resident_id":
        if required.role == "owner" and required.website_index is not None and required.website_index < len(app.websites):
            person, base = app.websites[required.website_index].owner, f"websites.{required.website_index}.owner"
        elif required.role in ("principal", "owner"):
            person, base = app.principal, "principal"
        else:
            return out
        if required.side == "front":
            if person.cert_type == CertType.RESIDENT_ID and person.cert_number:
                out["id_number"] = (person.cert_number, f"{base}.cert_number")
            if person.name:
                out["name"] = (person.name, f"{base}.name")
    elif required.type_id in ("business_licence", "authenticity_form") and app.subject.nature != SubjectNature.INDIVIDUAL:
        if app.subject.cert_type == CertType.USCC and app.subject.cert_number:
            out["uscc"] = (app.subject.cert_number, "subject.cert_number")
        if app.subject.name:
            out["org_name"] = (app.subject.name, "subject.name")
    return out
