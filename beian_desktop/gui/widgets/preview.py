"""A larger view of a (marked-up) picture, opened by clicking a thumbnail (or Enter/Space on it): a zoom view that
opens inside the screen, fitted to its window, and zooms in and out (buttons, +/-, 0 to fit)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from beian_desktop.gui.i18n_qt import translate

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0


class PreviewDialog(QDialog):
    def __init__(self, picture: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or translate("PreviewDialog", "查看图片"))
        self.picture = picture
        self.zoom: float | None = None  # None: fitted to the window
        self.label = QLabel()
        self.label.setObjectName("previewPicture")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(title)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = QPushButton(translate("PreviewDialog", "放大"))
        self.zoom_out_button = QPushButton(translate("PreviewDialog", "缩小"))
        self.fit_button = QPushButton(translate("PreviewDialog", "适合窗口"))
        self.actual_button = QPushButton(translate("PreviewDialog", "原始大小"))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.current_zoom() * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.current_zoom() / ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.set_zoom(None))
        self.actual_button.clicked.connect(lambda: self.set_zoom(1.0))
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in_button.click),
                           (QKeySequence("+"), self.zoom_in_button.click),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out_button.click),
                           (QKeySequence("-"), self.zoom_out_button.click), (QKeySequence("0"), self.fit_button.click)):
            QShortcut(QKeySequence(keys), self, slot)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        tools = QHBoxLayout()
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button):
            button.setAutoDefault(False)
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(tools)
        self.fit_screen(picture.width() + 60, picture.height() + 110, parent)
        self._show()

    # ---- zoom -------------------------------------------------------------------------------------------------------
    def fitted_zoom(self) -> float:
        area = self.scroll.maximumViewportSize()  # without scroll bars (a zoomed picture may have them now)
        if self.picture.width() <= 0 or self.picture.height() <= 0:
            return 1.0
        return max(MIN_ZOOM, min(area.width() / self.picture.width(), area.height() / self.picture.height()))

    def current_zoom(self) -> float:
        return self.zoom if self.zoom is not None else self.fitted_zoom()

    def set_zoom(self, zoom: float | None) -> None:
        """``None`` fits the picture to the window; otherwise a scale factor (1.0: one picture pixel per pixel)."""
        self.zoom = None if zoom is None else max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._show()

    def _show(self) -> None:
        zoom = self.current_zoom()
        width = max(1, round(self.picture.width() * zoom))
        height = max(1, round(self.picture.height() * zoom))
        self.label.setPixmap(QPixmap.fromImage(self.picture).scaled(
            width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override: a fitted picture follows the window
        super().resizeEvent(event)
        if self.zoom is None:
            self._show()

    def fit_screen(self, width: int, height: int, parent: QWidget | None) -> None:
        """Open inside the available area of the screen the window is on (never larger, never off its edge)."""
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        area = available_area(parent) if parent is not None else screen.availableGeometry()
        width = min(width, 1200, int(area.width() * 0.9))
        height = min(height, 900, int(area.height() * 0.9))
        self.resize(width, height)
        centre = (parent.window().frameGeometry().center() if parent is not None else area.center())
        x = min(max(area.left(), centre.x() - width // 2), area.right() - width)
        y = min(max(area.top(), centre.y() - height // 2), area.bottom() - height)
        self.move(x, y)


def available_area(widget: QWidget):
    """The usable screen area of ``widget``'s window (the main window's own idea of it, which tests simulate)."""
    window = widget.window()
    if hasattr(window, "available_area"):
        return window.available_area()
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry()


class ClickToPreview(QObject):
    """Event filter: a click (or Enter/Space when focused) on ``label`` opens the picture ``provider()`` returns."""

    def __init__(self, label: QLabel, provider, title) -> None:
        super().__init__(label)
        self.label = label
        self.provider = provider
        self.title = title
        #: the zoom view last opened (window-modal, not blocking the event loop)
        self.dialog: PreviewDialog | None = None
        label.setCursor(Qt.CursorShape.PointingHandCursor)
        label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        label.setProperty("preview", True)  # the style sheet draws its focus ring
        label.installEventFilter(self)

    def open(self) -> PreviewDialog | None:
        picture = self.provider()
        if picture is None:
            return None
        self.dialog = PreviewDialog(picture, self.title(), self.label.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.open()
        return self.dialog

    def _forget(self, *_args) -> None:
        self.dialog = None

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
        if trigger and self.provider() is not None:
            self.open()
            return True
        return False
