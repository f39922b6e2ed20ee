"""A larger view of a (marked-up) picture, opened by clicking a thumbnail."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from beian_desktop.gui.i18n_qt import translate


class PreviewDialog(QDialog):
    def __init__(self, picture: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or translate("PreviewDialog", "查看图片"))
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setPixmap(QPixmap.fromImage(picture))
        label.setAccessibleName(title)
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.fit_screen(picture.width() + 60, picture.height() + 90, parent)

    def fit_screen(self, width: int, height: int, parent: QWidget | None) -> None:
        """Open inside the available area of the screen the window is on (never larger, never off its edge)."""
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        area = screen.availableGeometry()
        width = min(width, 1000, int(area.width() * 0.9))
        height = min(height, 800, int(area.height() * 0.9))
        self.resize(width, height)
        centre = (parent.window().frameGeometry().center() if parent is not None else area.center())
        x = min(max(area.left(), centre.x() - width // 2), area.right() - width)
        y = min(max(area.top(), centre.y() - height // 2), area.bottom() - height)
        self.move(x, y)


class ClickToPreview(QObject):
    """Event filter: a click (or Enter/Space when focused) on ``label`` opens the picture ``provider()`` returns."""

    def __init__(self, label: QLabel, provider, title) -> None:
        super().__init__(label)
        self.label = label
        self.provider = provider
        self.title = title
        label.setCursor(Qt.CursorShape.PointingHandCursor)
        label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        label.setProperty("preview", True)  # the style sheet draws its focus ring
        label.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn and self.provider() is None:
            # nothing to show yet: Tab passes over the empty thumbnail instead of stopping on it
            if event.reason() == Qt.FocusReason.BacktabFocusReason:
                self.label.focusPreviousChild()
            elif event.reason() == Qt.FocusReason.TabFocusReason:
                self.label.focusNextChild()
            return False
        trigger = event.type() == QEvent.Type.MouseButtonRelease or (
            event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space))
        if trigger:
            picture = self.provider()
            if picture is not None:
                PreviewDialog(picture, self.title(), self.label.window()).exec()
                return True
        return False
