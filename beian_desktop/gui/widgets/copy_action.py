"""A copy button inside a line edit: the applicant types these values into the Alibaba Cloud console."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLineEdit, QMainWindow

from beian_desktop.gui.i18n_qt import translate


def _copy_icon() -> QIcon:
    icon = QIcon.fromTheme("edit-copy")
    if not icon.isNull():
        return icon
    pixmap = QPixmap(16, 16)  # two overlapping sheets, drawn in the text colour
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QGuiApplication.palette().text().color(), 1.2))
    painter.drawRect(QRectF(5.5, 1.5, 9, 10))
    painter.drawRect(QRectF(1.5, 4.5, 9, 10))
    painter.end()
    return QIcon(pixmap)


def add_copy_action(edit: QLineEdit) -> QAction:
    """Add a "复制" button at the end of ``edit`` that puts its text on the clipboard."""
    action = QAction(_copy_icon(), translate("CopyAction", "复制"), edit)
    action.setObjectName("copyAction")
    action.setToolTip(translate("CopyAction", "复制，以便粘贴到阿里云备案控制台"))

    def copy() -> None:
        QGuiApplication.clipboard().setText(edit.text())
        window = edit.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(translate("CopyAction", "已复制"), 2000)

    action.triggered.connect(copy)
    edit.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
    return action


def retranslate(edit: QLineEdit) -> None:
    for action in edit.actions():
        if action.objectName() == "copyAction":
            action.setText(translate("CopyAction", "复制"))
            action.setToolTip(translate("CopyAction", "复制，以便粘贴到阿里云备案控制台"))
