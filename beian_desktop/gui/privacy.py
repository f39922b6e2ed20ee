"""Privacy in the desktop app: the passphrase dialog (machines without a keyring), the privacy and retention dialog
(Settings menu), the purge of expired drafts at start (off the GUI thread) and the notices on exports.

The main window imports this module while it starts: the store's modules (SQLAlchemy, Alembic, cryptography) are
imported inside the functions only, so that start-up stays fast (they load in the thread pool, see ``gui/app.py``)."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beian_desktop.gui.i18n_qt import msg_text
from beian_desktop.i18n import Msg

#: the shortest passphrase accepted (``beian_desktop.store.keys.MIN_PASSPHRASE``; a test keeps them equal)
MIN_PASSPHRASE = 8

log = logging.getLogger(__name__)

T = {
    "title": Msg("草稿数据库口令", "Passphrase of the draft database"),
    "new": Msg(
        "本机没有可用的系统钥匙串（Windows 凭据管理器、macOS 钥匙串或 Linux 的 Secret Service，如 GNOME 钥匙串、KWallet），"
        "无法自动保管草稿数据库的密钥。\n\n请设置一个口令来保护草稿中的个人信息（证件号码、电话、地址、照片）。"
        "口令不会保存在任何地方，每次启动时需要输入；忘记口令将无法打开这些草稿。",
        "This computer has no usable system keyring (Windows Credential Manager, macOS Keychain or a Linux Secret "
        "Service such as GNOME Keyring or KWallet) to keep the key of the draft database.\n\nChoose a passphrase "
        "to protect the personal data in your drafts (ID numbers, phones, addresses, pictures). It is never "
        "stored: you type it at every start, and without it these drafts cannot be opened.",
    ),
    "unlock": Msg("草稿数据库由口令保护（本机没有可用的系统钥匙串）。请输入口令。",
                  "The draft database is protected by a passphrase (no usable system keyring here). Type it."),
    "wrong": Msg("口令不正确，请重试。", "Wrong passphrase; try again."),
    "passphrase": Msg("口令：", "Passphrase:"),
    "repeat": Msg("再次输入：", "Repeat:"),
    "short": Msg(f"至少 {MIN_PASSPHRASE} 个字符。", f"At least {MIN_PASSPHRASE} characters."),
    "differ": Msg("两次输入不一致。", "The two entries differ."),
    "cancelled": Msg("没有口令，无法打开草稿数据库。", "Without the passphrase the draft database cannot be opened."),
    "file_title": Msg("加密的草稿文件", "Encrypted draft file"),
    "file_prompt": Msg("该草稿文件已加密，请输入导出时设置的口令：", "This draft file is encrypted. Type the passphrase it was exported with:"),
    "file_cancelled": Msg("没有口令，无法导入加密的草稿文件。", "Without its passphrase the encrypted draft file cannot be imported."),
    "damaged_title": Msg("部分内容无法解密", "Some content cannot be decrypted"),
    "damaged_fields": Msg("以下字段保存的内容已损坏或被篡改，无法解密，已留空；草稿的其余内容已正常打开。请重新填写：",
                          "The stored values below are damaged or were altered and cannot be decrypted; they are left "
                          "empty and the rest of the draft is open. Fill them in again:"),
    "menu": Msg("设置(&G)", "Settin&gs"),
    "privacy_action": Msg("隐私与保留期限(&P)…", "&Privacy and retention…"),
    "privacy_title": Msg("隐私与保留期限", "Privacy and retention"),
    "privacy_intro": Msg(
        "备案接入助手只在本机（或您指定的数据库）保存以下信息，不上传任何内容。",
        "Beian Desktop keeps the following only on this computer (or the database you chose) and uploads nothing.",
    ),
    "what": Msg("内容", "What"),
    "where": Msg("位置", "Where"),
    "how_long": Msg("保留期限", "How long"),
    "retention": Msg("备案通过或草稿删除后保留：", "Keep after approval or deletion:"),
    "days": Msg(" 天", " days"),
    "zero": Msg("0 天（导出提交包后立即删除，拍照点使用）", "0 days (delete right after export: photo stations)"),
    "purge_now": Msg("立即删除过期草稿(&D)", "&Delete expired drafts now"),
    "purged": Msg("已按保留期限永久删除 {n} 份草稿。", "{n} drafts past the retention period were deleted for good."),
    "nothing": Msg("没有过期的草稿。", "No draft is past the retention period."),
    "saved": Msg("保留期限已保存。", "Retention saved."),
}


class PassphraseDialog(QDialog):
    """Asks for the passphrase (``new``: choose one, typed twice, with the explanation of why)."""

    def __init__(self, parent: QWidget | None = None, *, new: bool, attempt: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(msg_text(T["title"]))
        self.new = new
        layout = QVBoxLayout(self)
        self.explanation = QLabel(msg_text(T["new"] if new else T["unlock"]))
        self.explanation.setWordWrap(True)
        self.explanation.setMinimumWidth(420)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(msg_text(T["passphrase"]), self.first)
        self.second = QLineEdit()
        self.second.setObjectName("passphraseRepeat")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(msg_text(T["repeat"]), self.second)
        layout.addLayout(form)
        self.problem = QLabel(msg_text(T["wrong"]) if attempt else "")
        self.problem.setObjectName("passphraseProblem")
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        problem = None
        if self.new and self.first.text() and len(self.first.text()) < MIN_PASSPHRASE:
            problem = T["short"]
        elif self.new and self.second.text() and self.second.text() != self.first.text():
            problem = T["differ"]
        if problem is not None or self.first.text():
            self.problem.setText(msg_text(problem) if problem else "")
        ok = bool(self.first.text()) and problem is None and (not self.new or self.second.text() == self.first.text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def passphrase(self) -> str:
        return self.first.text()


def gui_asker(parent: QWidget | None):  # noqa: ANN201 - a keys.PassphraseAsker
    """The GUI's way to get the passphrase: ``BEIAN_DESKTOP_PASSPHRASE`` if set, else :class:`PassphraseDialog`."""

    def ask(new: bool, attempt: int) -> str | None:
        from beian_desktop.store import keys as K  # only when asked: the store's modules load off the GUI thread

        env = os.environ.get(K.PASSPHRASE_ENV)
        if env and attempt == 0:
            return env
        dialog = PassphraseDialog(parent, new=new, attempt=attempt)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                raise K.PassphraseRequired(T["cancelled"])
            return dialog.passphrase()
        finally:
            dialog.deleteLater()

    return ask


def file_passphrase(parent: QWidget | None) -> str:
    """The passphrase of an encrypted export being imported (:class:`PassphraseRequired` when cancelled)."""
    from PySide6.QtWidgets import QInputDialog

    from beian_desktop.store import keys as K

    text, ok = QInputDialog.getText(parent, msg_text(T["file_title"]), msg_text(T["file_prompt"]),
                                    QLineEdit.EchoMode.Password)
    if not ok:
        raise K.PassphraseRequired(T["file_cancelled"])
    return text


def warn_damaged(window, problems: list) -> None:  # noqa: ANN001
    """A draft opened with fields that do not decrypt: say which (the rest of the draft is open)."""
    if not problems:
        return
    from PySide6.QtWidgets import QMessageBox

    from beian_desktop.gui.field_labels import field_label

    # each field by its label and section ("主体负责人 · 手机号码"), never its internal path; other items by their message
    lines = [field_label(window.wizard, p.where) if getattr(p, "where", "") and "." in p.where else msg_text(p.message)
             for p in problems]
    text = msg_text(T["damaged_fields"]) + "\n" + "\n".join("• " + line for line in lines)
    window.statusBar().showMessage(msg_text(T["damaged_title"]) + ": " + "、".join(lines), 60000)
    QMessageBox.warning(window, msg_text(T["damaged_title"]), text)


def key_source(parent: QWidget | None):  # noqa: ANN201 - a keys.KeySource
    from beian_desktop.store.keys import KeySource

    return KeySource(gui_asker(parent))


class ThreadSafeAsker(QObject):
    """A passphrase asker usable from the thread pool: the dialog always runs on the GUI thread (where this object is
    made), and a worker that asks waits for the answer. Keeps the store's modules out of the GUI thread's imports."""

    _request = Signal(bool, int)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__()
        self._ask = gui_asker(parent)
        self._answer: tuple[str | None, BaseException | None] = (None, None)
        self._request.connect(self._run, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(bool, int)
    def _run(self, new: bool, attempt: int) -> None:
        try:
            self._answer = (self._ask(new, attempt), None)
        except BaseException as exc:  # noqa: BLE001 - handed back to the asking thread
            self._answer = (None, exc)

    def __call__(self, new: bool, attempt: int) -> str | None:
        if QThread.currentThread() == self.thread():
            return self._ask(new, attempt)
        self._request.emit(new, attempt)  # blocks until the dialog on the GUI thread is answered
        answer, error = self._answer
        if error is not None:
            raise error
        return answer


# ---- the privacy dialog ------------------------------------------------------------------------------------------------
class PrivacyDialog(QDialog):
    """What is stored, where and for how long; the retention setting; delete expired drafts now."""

    def __init__(self, store, parent: QWidget | None = None, *, on_purged=None) -> None:  # noqa: ANN001
        from beian_desktop.privacy import privacy_rows
        from beian_desktop.store import retention

        super().__init__(parent)
        self.setObjectName("privacyDialog")
        self.store = store
        self._on_purged = on_purged
        self.setWindowTitle(msg_text(T["privacy_title"]))
        layout = QVBoxLayout(self)
        intro = QLabel(msg_text(T["privacy_intro"]))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = privacy_rows(store)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("privacyTable")
        self.table.setHorizontalHeaderLabels([msg_text(T["what"]), msg_text(T["where"]), msg_text(T["how_long"])])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            for c, text in enumerate((row.what, row.where, row.how_long)):
                item = QTableWidgetItem(msg_text(text))
                item.setToolTip(msg_text(text))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.setMinimumSize(860, 440)
        layout.addWidget(self.table)
        line = QHBoxLayout()
        line.addWidget(QLabel(msg_text(T["retention"])))
        self.days = QSpinBox()
        self.days.setObjectName("retentionDays")
        self.days.setRange(0, retention.MAX_RETENTION_DAYS)
        self.days.setSuffix(msg_text(T["days"]))
        self.days.setSpecialValueText(msg_text(T["zero"]))
        self.days.setValue(retention.retention_days(store))
        self.days.setMinimumWidth(160)
        line.addWidget(self.days)
        line.addStretch(1)
        self.purge_button = QPushButton(msg_text(T["purge_now"]))
        self.purge_button.setObjectName("purgeNow")
        self.purge_button.clicked.connect(self.purge_now)
        line.addWidget(self.purge_button)
        layout.addLayout(line)
        self.status = QLabel("")
        self.status.setObjectName("privacyStatus")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        from beian_desktop.store import retention

        retention.set_retention_days(self.store, self.days.value())
        self.status.setText(msg_text(T["saved"]))

    def purge_now(self) -> None:
        self.save()
        self.purge_button.setEnabled(False)

        def done(count: int) -> None:
            self.purge_button.setEnabled(True)
            self.status.setText(msg_text(T["purged"].format(n=count) if count else T["nothing"]))
            if count and self._on_purged is not None:
                self._on_purged()

        purge_in_background(self.store, done)


def purge_in_background(store, on_done) -> None:  # noqa: ANN001
    """Delete the drafts past the retention period in the thread pool; ``on_done(count)`` on the GUI thread."""
    from beian_desktop.gui.tasks import run_task
    from beian_desktop.store import retention

    def failed(exc: BaseException) -> None:
        log.warning("the purge of expired drafts failed: %s", type(exc).__name__)
        on_done(0)

    run_task(lambda: len(retention.purge_expired(store)), on_done, failed)


def purge_at_start(window) -> None:  # noqa: ANN001
    """At start: purge expired drafts off the GUI thread, then say so and refresh the list."""

    def done(count: int) -> None:
        if count:
            window.statusBar().showMessage(msg_text(T["purged"].format(n=count)), 15000)
            window.refresh_list()

    purge_in_background(window.store, done)


# ---- the menu ---------------------------------------------------------------------------------------------------------
def install_menu(window) -> QAction:  # noqa: ANN001
    """A Settings menu with the privacy dialog, before Help; its texts follow the language (see :func:`retranslate`)."""
    menu = QMenu(window)
    menu.setObjectName("menuSettings")
    action = QAction(window)
    action.setObjectName("actionPrivacy")
    action.triggered.connect(lambda: show_privacy(window))
    menu.addAction(action)
    window.ui.menubar.insertMenu(window.ui.menuHelp.menuAction(), menu)
    window.privacy_menu, window.privacy_action = menu, action
    retranslate(window)
    window.exporter.purged.connect(lambda _draft_id: window.show_list())  # a station's draft is gone after export
    return action


def retranslate(window) -> None:  # noqa: ANN001
    menu = getattr(window, "privacy_menu", None)
    if menu is not None:
        menu.setTitle(msg_text(T["menu"]))
        window.privacy_action.setText(msg_text(T["privacy_action"]))


def show_privacy(window) -> PrivacyDialog | None:  # noqa: ANN001
    if window.store is None:
        return None
    dialog = PrivacyDialog(window.store, window, on_purged=window.refresh_list)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    window.privacy_dialog = dialog
    return dialog
