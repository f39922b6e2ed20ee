"""The list of drafts: applicant, domain, flow, step, problems, last change; new/open/duplicate/delete/import/export."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QWidget

from beian_desktop.gui.forms.ui_drafts_list import Ui_DraftsList
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.widgets.colours import colour

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def step_label(step: str) -> str:
    labels = {
        "start": translate("DraftsList", "开始"),
        "product": translate("DraftsList", "产品验证"),
        "password": translate("DraftsList", "备案密码"),
        "details": translate("DraftsList", "填写信息"),
        "documents": translate("DraftsList", "上传资料"),
        "photo": translate("DraftsList", "拍照核验"),
        "submit": translate("DraftsList", "提交与短信核验"),
        "review": translate("DraftsList", "审核跟踪"),
    }
    return labels.get(step, step or "—")


def status_text(status: str) -> str:
    """The filing status for the list; a returned filing is back in editing."""
    if status == "returned":
        return translate("DraftsList", "已退回，修改中")
    if status in ("", "draft", None):
        return translate("DraftsList", "编辑中")
    from beian_desktop.gui.choices import status_label  # imported late: keeps start-up light

    return status_label(status)


BEIJING = timezone(timedelta(hours=8))


def _local(dt: datetime) -> str:
    """The last change in Beijing time, like every time in the app (the column's tooltip says so)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


class DraftsModel(QAbstractTableModel):
    COLUMNS = ("title", "domain", "flow", "step", "status", "problems", "updated")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [translate("DraftsList", "申请主体"), translate("DraftsList", "域名"), translate("DraftsList", "备案类型"),
                    translate("DraftsList", "当前步骤"), translate("DraftsList", "状态"), translate("DraftsList", "问题"),
                    translate("DraftsList", "最后修改")][section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            title, _, domain = (row.title or "").partition(" · ")
            if column == "title":
                text = title or translate("DraftsList", "（未命名草稿）")
                return text + (translate("DraftsList", "（已删除）") if row.deleted_at else "")
            if column == "domain":
                return domain
            if column == "flow":
                from beian_desktop.gui.choices import flow_label  # imported late: keeps start-up light

                return flow_label(row.flow)
            if column == "step":
                return step_label(row.step)
            if column == "status":
                return status_text(row.status)
            if column == "problems":
                if role == SORT_ROLE:
                    return -1 if row.problems is None else row.problems
                return "—" if row.problems is None else str(row.problems)
            if column == "updated":
                return row.updated_at.isoformat() if role == SORT_ROLE else _local(row.updated_at)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.deleted_at:
                return Qt.GlobalColor.gray
            if column == "status" and row.status == "returned":
                return QColor(colour("fail"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "updated":
                from beian_desktop.gui.timeutil import zone_note  # imported late: keeps start-up light

                return msg_text(zone_note())
            if column == "problems":
                return translate("DraftsList", "阻止提交的错误数（字段和证件）；“—”表示还没有检查过。")
        return None


class DraftsList(QWidget):
    """The drafts table with its buttons. The main window connects the signals to the store."""

    open_requested = Signal(str)
    new_requested = Signal()
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)
    import_requested = Signal()
    export_requested = Signal(str)
    show_deleted_changed = Signal(bool)
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DraftsList()
        self.ui.setupUi(self)
        self.model = DraftsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.ui.table.setModel(self.proxy)
        self.ui.table.sortByColumn(DraftsModel.COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder)
        header = self.ui.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ui.table.verticalHeader().setVisible(False)
        # Tab moves on to the buttons instead of walking the cells; Delete acts only here, where the row is visible
        self.ui.table.setTabKeyNavigation(False)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.ui.table,
                  lambda: self._emit(self.delete_requested), context=Qt.ShortcutContext.WidgetShortcut)
        self._build_undo_bar()
        self.ui.table.activated.connect(lambda index: self._emit(self.open_requested))
        self.ui.openButton.clicked.connect(lambda: self._emit(self.open_requested))
        self.ui.newButton.clicked.connect(self.new_requested)
        self.ui.duplicateButton.clicked.connect(lambda: self._emit(self.duplicate_requested))
        self.ui.deleteButton.clicked.connect(lambda: self._emit(self.delete_requested))
        self.ui.importButton.clicked.connect(self.import_requested)
        self.ui.exportButton.clicked.connect(lambda: self._emit(self.export_requested))
        self.ui.showDeleted.toggled.connect(self.show_deleted_changed)
        self.ui.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_drafts(self, rows: list, select: str | None = None) -> None:
        keep = select or self.selected_id()
        self.model.set_rows(rows)
        if keep:
            self.select(keep)
        elif self.proxy.rowCount():
            self.ui.table.selectRow(0)
        self._update_buttons()

    def _build_undo_bar(self) -> None:
        """The "draft deleted · undo" bar above the table: stays until the next deletion is undone or the list is left."""
        bar = QFrame(self)
        bar.setObjectName("undoBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(8, 4, 8, 4)
        self.undo_label = QLabel(bar)
        self.undo_label.setObjectName("undoLabel")
        self.undo_button = QPushButton(bar)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo_requested)
        layout.addWidget(self.undo_label, 1)
        layout.addWidget(self.undo_button)
        bar.setVisible(False)
        self.undo_bar = bar
        self.ui.draftsLayout.insertWidget(self.ui.draftsLayout.indexOf(self.ui.table), bar)
        self._undo_title = ""
        self._retranslate_undo()

    def show_undo(self, title: str | None) -> None:
        """Offer to undo the deletion of ``title`` (``None`` hides the bar)."""
        self._undo_title = title or ""
        self.undo_bar.setVisible(title is not None)
        self._retranslate_undo()

    def _retranslate_undo(self) -> None:
        name = self._undo_title or translate("DraftsList", "（未命名草稿）")
        self.undo_label.setText(translate("DraftsList", "已删除草稿“{name}”。").format(name=name))
        self.undo_button.setText(translate("DraftsList", "撤销删除(&U)"))

    def selected_title(self) -> str:
        rows = self.ui.table.selectionModel().selectedRows() if self.ui.table.selectionModel() else []
        return str(rows[0].data()) if rows else ""

    def set_reminders(self, text: str) -> None:
        """The start-up summary of deadlines (empty: hidden)."""
        self.ui.reminderLabel.setText(text)
        self.ui.reminderLabel.setVisible(bool(text))

    def select(self, draft_id: str) -> None:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ID_ROLE) == draft_id:
                self.ui.table.selectRow(r)
                return

    def selected_id(self) -> str | None:
        rows = self.ui.table.selectionModel().selectedRows() if self.ui.table.selectionModel() else []
        return rows[0].data(ID_ROLE) if rows else None

    def _emit(self, signal) -> None:
        draft_id = self.selected_id()
        if draft_id:
            signal.emit(draft_id)

    def _update_buttons(self, *args) -> None:
        has = self.selected_id() is not None
        for button in (self.ui.openButton, self.ui.duplicateButton, self.ui.deleteButton, self.ui.exportButton):
            button.setEnabled(has)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._retranslate_undo()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(DraftsModel.COLUMNS) - 1)
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(max(0, self.model.rowCount() - 1), len(DraftsModel.COLUMNS) - 1))
        super().changeEvent(event)
