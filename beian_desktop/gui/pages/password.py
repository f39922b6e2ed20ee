"""Step 3: the MIIT filing password (备案密码) — masked, "show" toggle, never stored."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from beian_desktop.gui.forms.ui_page_password import Ui_PagePassword
from beian_desktop.gui.i18n_qt import count, translate
from beian_desktop.gui.pages.base import WizardPage


class PasswordPage(WizardPage):
    page_id = "password"
    form_class = Ui_PagePassword

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.ui.showPassword.toggled.connect(self._toggle)
        self.ui.password.textChanged.connect(self._changed)

    def title(self) -> str:
        return translate("PasswordPage", "备案密码")

    def _toggle(self, show: bool) -> None:
        self.ui.password.setEchoMode(QLineEdit.EchoMode.Normal if show else QLineEdit.EchoMode.Password)

    def _changed(self, text: str) -> None:
        # kept in memory only (the wizard's attribute), never given to autosave
        self.wizard.password = text
        self.refresh()

    def refresh(self) -> None:
        if self.ui.password.text() != self.wizard.password:
            self.ui.password.setText(self.wizard.password)
        if self.wizard.password:
            text = translate("PasswordPage", "已输入（{chars}），仅保存在内存中。").format(
                chars=count(len(self.wizard.password), "个字符", "character"))
        else:
            text = translate("PasswordPage", "尚未输入。")
        self.ui.passwordState.setText(text)
