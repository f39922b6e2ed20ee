"""Binding form widgets to field paths of the :class:`~beian_desktop.domain.model.Application`.

Designer forms give every input a dynamic property ``fieldPath`` (``subject.name``, ``websites.0.owner.mobile``;
``original:subject.name`` for the original filing record used for comparison). The binder

* fills the widgets from the application (several widgets may show the same field, e.g. on two pages),
* reports user edits as ``edited(path, value)`` with the model's type (lists for domains, bools, enum values),
* shows inline, bilingual validation messages right under each field (red = error, orange = warning).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from beian_desktop.gui import choices
from beian_desktop.gui.i18n_qt import msg_text, translate

ORIGINAL_PREFIX = "original:"
LIST_FIELDS = ("domains", "service_numbers", "languages")


def is_list_path(path: str) -> bool:
    return path.rsplit(".", 1)[-1] in LIST_FIELDS


def split_list(text: str) -> list[str]:
    for sep in ("，", "、", ";", "；", "\n", " "):
        text = text.replace(sep, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def app_value(app, path: str) -> Any:
    if path.startswith(ORIGINAL_PREFIX):
        return app.original.fields.get(path[len(ORIGINAL_PREFIX):], "")
    try:
        return app.get(path)
    except (AttributeError, IndexError, KeyError, ValueError):
        return None


class FieldBinder(QObject):
    edited = Signal(str, object)  # path, new value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widgets: dict[str, list[QWidget]] = defaultdict(list)
        self._messages: dict[int, QLabel] = {}
        self._findings: dict[str, list] = {}
        self._loading = False

    # ---- registration ------------------------------------------------------------------------------------------
    def bind_tree(self, root: QWidget) -> list[QWidget]:
        """Bind every descendant of ``root`` that has a ``fieldPath`` property."""
        bound = []
        for widget in root.findChildren(QWidget):
            path = widget.property("fieldPath")
            if path:
                self.bind(widget, str(path))
                bound.append(widget)
        return bound

    def bind(self, widget: QWidget, path: str) -> None:
        widget.setProperty("fieldPath", path)
        self._widgets[path].append(widget)
        # the path is read when the edit happens: a widget may be re-bound (the website shown on the details page)
        if isinstance(widget, QComboBox):
            self.fill_combo(widget, path)
            widget.currentIndexChanged.connect(lambda _i, w=widget: self._user_edit(w, str(w.property("fieldPath"))))
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _c, w=widget: self._user_edit(w, str(w.property("fieldPath"))))
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, w=widget: self._user_edit(w, str(w.property("fieldPath"))))
        elif hasattr(widget, "domains") and hasattr(widget, "changed"):  # DomainListEdit
            widget.changed.connect(lambda w=widget: self._user_edit(w, str(w.property("fieldPath"))))
        self._add_message_label(widget)

    def rebind(self, widget: QWidget, path: str) -> None:
        """Show field ``path`` in an already bound ``widget`` (e.g. the second website in the website inputs)."""
        old = str(widget.property("fieldPath") or "")
        if widget in self._widgets.get(old, []):
            self._widgets[old].remove(widget)
        widget.setProperty("fieldPath", path)
        self._widgets[path].append(widget)

    def widgets(self, path: str) -> list[QWidget]:
        return list(self._widgets.get(path, []))

    def paths(self) -> list[str]:
        return [p for p, ws in self._widgets.items() if ws]

    def _add_message_label(self, widget: QWidget) -> None:
        parent = widget.parentWidget()
        layout = _layout_holding(parent.layout() if parent else None, widget)
        if layout is None:
            return
        box = QWidget(parent)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(1)
        hidden = widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        layout.replaceWidget(widget, box)
        box_layout.addWidget(widget)
        if not hidden and parent.isVisible():
            # added to a page already on screen (a new website's row): show it now, not at the next event
            widget.show()
            box.show()
        label = QLabel(box)
        label.setObjectName(widget.objectName() + "Message")
        label.setWordWrap(True)
        label.setVisible(False)
        box_layout.addWidget(label)
        self._messages[id(widget)] = label

    def message_label(self, widget: QWidget) -> QLabel | None:
        return self._messages.get(id(widget))

    # ---- values ------------------------------------------------------------------------------------------------
    def fill_combo(self, combo: QComboBox, path: str) -> None:
        """(Re)fill a choice combo in the current language, keeping the selected value."""
        items = choices.choices_for(path)
        if items is None:
            return
        current = combo.currentData() if combo.count() else None
        combo.blockSignals(True)
        combo.clear()
        for value, text in items:
            combo.addItem(text, value)
        index = _find_data(combo, current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def retranslate(self) -> None:
        for path, widgets in self._widgets.items():
            for w in widgets:
                if isinstance(w, QComboBox):
                    self.fill_combo(w, path)
        self.show_findings(self._findings)

    def load(self, app) -> None:
        """Show the application's values in every bound widget."""
        self._loading = True
        try:
            for path, widgets in self._widgets.items():
                value = app_value(app, path)
                for w in widgets:
                    _set_widget(w, value)
        finally:
            self._loading = False

    def set_value(self, path: str, value: Any, source: QWidget | None = None) -> None:
        self._loading = True
        try:
            for w in self._widgets.get(path, []):
                if w is not source:
                    _set_widget(w, value)
        finally:
            self._loading = False

    def _user_edit(self, widget: QWidget, path: str) -> None:
        if self._loading:
            return
        value = widget_value(widget, path)
        self.set_value(path, value, source=widget)
        self.edited.emit(path, value)

    # ---- findings ----------------------------------------------------------------------------------------------
    def show_findings(self, by_path: dict[str, list]) -> None:
        """Show findings (objects with ``severity`` and ``message``) under their fields; clear the others."""
        self._findings = by_path
        for path, widgets in self._widgets.items():
            items = by_path.get(path, [])
            severity = "error" if any(f.severity == "error" for f in items) else ("warning" if items else "")
            text = "\n".join(_prefix(f.severity) + msg_text(f.message) for f in items)
            for w in widgets:
                if w.property("severity") != severity:
                    w.setProperty("severity", severity)
                    w.style().unpolish(w)
                    w.style().polish(w)
                label = self._messages.get(id(w))
                if label is not None:
                    label.setText(text)
                    if label.property("severity") != severity:
                        label.setProperty("severity", severity)
                        label.style().unpolish(label)
                        label.style().polish(label)
                    label.setVisible(bool(items))
                w.setToolTip(text)


def _prefix(severity: str) -> str:
    return translate("Binding", "错误：") if severity == "error" else translate("Binding", "提醒：")


def _layout_holding(layout, widget):
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        child = layout.itemAt(i).layout()
        found = _layout_holding(child, widget)
        if found is not None:
            return found
    return None


def _find_data(combo: QComboBox, value: Any) -> int:
    for i in range(combo.count()):
        data = combo.itemData(i)
        if data == value and type(data) is type(value):
            return i
    return -1


def _set_widget(widget: QWidget, value: Any) -> None:
    widget.blockSignals(True)
    try:
        if isinstance(widget, QComboBox):
            value = getattr(value, "value", value)
            index = _find_data(widget, value)
            if index < 0 and value not in (None, ""):
                widget.addItem(str(value), value)  # unknown stored value: show it rather than lose it
                index = widget.count() - 1
            widget.setCurrentIndex(max(index, 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif hasattr(widget, "set_domains"):
            widget.set_domains(value if isinstance(value, list) else split_list(str(value or "")))
        elif isinstance(widget, QLineEdit):
            if isinstance(value, list):
                text = ", ".join(str(v) for v in value)
            else:
                text = "" if value is None else str(value)
            if widget.text() != text:
                widget.setText(text)
    finally:
        widget.blockSignals(False)


def widget_value(widget: QWidget, path: str) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if hasattr(widget, "domains"):
        return widget.domains()
    text = widget.text() if isinstance(widget, QLineEdit) else ""
    if is_list_path(path):
        return split_list(text)
    return text
