"""Step 2: product verification with the filing service number (备案服务号), one per website."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from beian_desktop.gui.forms.ui_page_product import Ui_PageProduct
from beian_desktop.gui.i18n_qt import translate
from beian_desktop.gui.pages.base import WizardPage


class ProductPage(WizardPage):
    page_id = "product"
    form_class = Ui_PageProduct

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self._rows: list[tuple[QLabel, QLineEdit]] = []

    def title(self) -> str:
        return translate("ProductPage", "产品验证：备案服务号")

    def bind_fields(self) -> None:
        self._ensure_rows(1)

    def _ensure_rows(self, count: int) -> None:
        """One service-number input per website (bound to ``websites.N.service_numbers``)."""
        form = self.ui.serviceForm
        while len(self._rows) < count:
            index = len(self._rows)
            label = QLabel(self)
            edit = QLineEdit(self)
            edit.setObjectName(f"serviceNumber{index}")
            edit.setPlaceholderText("ABCDEFGHIJKLMNOP")
            label.setBuddy(edit)
            form.addRow(label, edit)
            self._rows.append((label, edit))
            path = f"websites.{index}.service_numbers"
            self.wizard.binder.bind(edit, path)
            numbers = self.app.websites[index].service_numbers if index < len(self.app.websites) else []
            edit.setText(", ".join(numbers))
        self._retranslate_rows()

    def _retranslate_rows(self) -> None:
        for index, (label, edit) in enumerate(self._rows):
            site = self.app.websites[index] if index < len(self.app.websites) else None
            name = ""
            if site is not None:
                name = site.name or (site.domains[0] if site.domains else "")
            text = translate("ProductPage", "网站 {n}（{name}）的备案服务号：").format(n=index + 1, name=name or "—")
            label.setText(text)
            edit.setAccessibleName(translate("ProductPage", "网站 {n} 的备案服务号").format(n=index + 1))

    def refresh(self) -> None:
        self._ensure_rows(max(1, len(self.app.websites)))
        for index, (label, edit) in enumerate(self._rows):
            visible = index < max(1, len(self.app.websites))
            label.setVisible(visible)
            edit.setVisible(visible)
        self._retranslate_rows()

    def field_changed(self, path: str) -> None:
        if path.startswith("websites.") and (path.endswith(".name") or path.endswith(".domains")):
            self._retranslate_rows()
