"""帮助 → 关于: the version, the main libraries' versions and the licences of every bundled third-party component.

The data comes from :func:`beian_desktop.about.about_info` (the installer's licence index, read through
``paths.resource_path``; the installed packages' metadata when run from source). Keyboard: Alt+C the component list,
Alt+T the licence text (both scroll with the arrow and page keys), Esc or Enter closes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from beian_desktop.about import APP_DISPLAY_NAME, AboutInfo, about_info
from beian_desktop.gui.i18n_qt import current, translate


class AboutDialog(QDialog):
    def __init__(self, parent=None, info: AboutInfo | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.info = info or about_info()
        self.setWindowTitle(translate("AboutDialog", "关于备案接入助手"))
        self.resize(820, 600)

        self.header = QLabel(self)
        self.header.setObjectName("aboutHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        versions = " · ".join(f"{html.escape(k)} {html.escape(v)}" for k, v in self._versions().items())
        summary = translate("AboutDialog", "离线办理阿里云接入备案：检查资料和幕布照片，草稿自动保存。")
        version = translate("AboutDialog", "版本 {version}").format(version=self.info.version)
        bundled = translate("AboutDialog", "本程序随附以下第三方组件，各自按其许可证授权：")
        self.header.setText(f"<h2>{html.escape(APP_DISPLAY_NAME)}</h2><p>{html.escape(version)}</p>"
                            f"<p>{html.escape(summary)}</p><p>{versions}</p><p>{html.escape(bundled)}</p>")

        self.components = QListWidget(self)
        self.components.setObjectName("aboutComponents")
        for comp in self.info.components:
            item = QListWidgetItem(f"{comp.name} {comp.version} — {comp.license}")
            item.setData(Qt.ItemDataRole.UserRole, comp.key)
            item.setToolTip(item.text())
            self.components.addItem(item)
        components_label = QLabel(translate("AboutDialog", "第三方组件(&C)："), self)
        components_label.setBuddy(self.components)

        self.license_text = QPlainTextEdit(self)
        self.license_text.setObjectName("aboutLicenseText")
        self.license_text.setReadOnly(True)
        self.license_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # read-only, but the keyboard can still move through it and select text
        self.license_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
        text_label = QLabel(translate("AboutDialog", "许可证文本(&T)："), self)
        text_label.setBuddy(self.license_text)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        left = QVBoxLayout()
        left.addWidget(components_label)
        left.addWidget(self.components)
        right = QVBoxLayout()
        right.addWidget(text_label)
        right.addWidget(self.license_text)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

        self.components.currentRowChanged.connect(self._show_license)
        self.components.setCurrentRow(0)
        self.components.setFocus()

    def _versions(self) -> dict[str, str]:
        from PySide6.QtCore import qVersion

        versions = dict(self.info.versions)
        versions["Qt"] = qVersion()  # the Qt actually loaded
        return versions

    def _show_license(self, row: int) -> None:
        if row < 0:
            self.license_text.clear()
            return
        comp = self.info.components[row]
        lines = [f"{comp.name} {comp.version}", translate("AboutDialog", "许可证：{license}").format(license=comp.license)]
        if comp.note is not None:
            lines.append(comp.note.text(current()))
        missing = comp.missing_files()
        if missing:
            lines.append(translate("AboutDialog", "缺少许可证文本：{files}").format(files=", ".join(missing)))
        self.license_text.setPlainText("\n".join(lines) + "\n\n" + comp.license_text())
        self.license_text.moveCursor(self.license_text.textCursor().MoveOperation.Start)

    def select(self, key: str) -> bool:
        """Show the licence of the component ``key`` (a distribution name, ``python`` or ``model:<file>``)."""
        for row, comp in enumerate(self.info.components):
            if comp.key == key:
                self.components.setCurrentRow(row)
                return True
        return False


def show_about(parent) -> None:
    """Open the About dialog over ``parent`` (window-modal, one at a time). The component list is read in the thread
    pool first: from a source install that scans the installed packages' metadata (about half a second)."""
    from beian_desktop.gui.tasks import run_task

    def shown() -> AboutDialog | None:  # a closed one may still wait for its deletion
        return next((d for d in parent.findChildren(AboutDialog) if d.isVisible()), None)

    if shown() is not None:
        shown().activateWindow()
        return

    def opened(info: AboutInfo | None) -> None:
        if shown() is not None:  # asked twice while loading
            return
        dialog = AboutDialog(parent, info)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    run_task(about_info, opened, lambda _exc: opened(None))


__all__ = ["AboutDialog", "show_about"]
