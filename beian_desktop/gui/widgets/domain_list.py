"""A list editor for a website's domains: one domain per row, added, edited and removed one by one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QWidget,
)

from beian_desktop.gui.i18n_qt import translate


class DomainListEdit(QWidget):
    """``domains()`` / ``set_domains()``; ``changed`` when the user added, edited or removed one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("domainList")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.list.setTabKeyNavigation(False)
        self.entry = QLineEdit(self)
        self.entry.setObjectName("domainEntry")
        self.entry.setProperty("keepEnter", True)  # Enter adds the domain (the wizard does not move on)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addDomainButton")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeDomainButton")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(True)
        layout = QGridLayout(self)  # list | remove, entry | add: as narrow as a single-line field
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 0, 0)
        layout.addWidget(self.remove_button, 0, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.entry, 1, 0)
        layout.addWidget(self.add_button, 1, 1)
        self.setFocusProxy(self.entry)
        self.entry.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemChanged.connect(self._item_edited)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._retranslate()

    # ---- values -----------------------------------------------------------------------------------------------------
    def domains(self) -> list[str]:
        return [self.list.item(i).text().strip() for i in range(self.list.count()) if self.list.item(i).text().strip()]

    def set_domains(self, domains) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for domain in domains or []:
            self._append(str(domain))
        self.list.blockSignals(False)
        self._update_buttons()

    def mark_items(self, marks: dict[int, tuple[str, str]]) -> None:
        """Show each domain's own finding beside it: ``{row: (severity, text)}``; a red (error) or orange (warning)
        mark and the text as the row's tooltip; rows without a finding are shown plain."""
        from PySide6.QtGui import QBrush, QColor

        from beian_desktop.gui.widgets.colours import colour

        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            severity, text = marks.get(row, ("", ""))
            tint = colour("fail") if severity == "error" else colour("warn") if severity else ""
            item.setForeground(QBrush(QColor(tint)) if tint else self.list.palette().text())
            item.setData(Qt.ItemDataRole.DecorationRole, None)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, severity)
            if severity:
                mark = "\u2717" if severity == "error" else "!"
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, text)
                item.setData(Qt.ItemDataRole.StatusTipRole, text)
                item.setData(Qt.ItemDataRole.WhatsThisRole, mark)
        self.list.blockSignals(False)
        self.list.viewport().update()

    def item_severity(self, row: int) -> str:
        return str(self.list.item(row).data(Qt.ItemDataRole.UserRole) or "")

    def _append(self, domain: str) -> None:
        item = QListWidgetItem(domain)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    # ---- editing ----------------------------------------------------------------------------------------------------
    def add_typed(self) -> None:
        """Add what was typed (several at once when separated by commas or spaces)."""
        from beian_desktop.gui.widgets.binding import split_list

        new = [d for d in split_list(self.entry.text()) if d not in self.domains()]
        if not new:
            return
        self.list.blockSignals(True)
        for domain in new:
            self._append(domain)
        self.list.blockSignals(False)
        self.entry.clear()
        self._update_buttons()
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._update_buttons()
        self.changed.emit()

    def _item_edited(self, _item) -> None:
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.count() > 0)

    # ---- texts ------------------------------------------------------------------------------------------------------
    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - set by the Designer form
        self.entry.setPlaceholderText(text)

    def _retranslate(self) -> None:
        self.add_button.setText(translate("DomainListEdit", "添加域名"))
        self.remove_button.setText(translate("DomainListEdit", "删除所选"))
        self.entry.setAccessibleName(translate("DomainListEdit", "要添加的域名"))
        self.list.setAccessibleName(translate("DomainListEdit", "网站的域名"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
