"""Base class of the wizard pages: a Designer form wrapped by composition, bound fields, re-translation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from beian_desktop.domain.model import Application
    from beian_desktop.gui.wizard import Wizard


class WizardPage(QWidget):
    """One step. Subclasses set :attr:`page_id`, :attr:`form_class` and override :meth:`title`/:meth:`refresh`."""

    page_id = ""
    form_class: type | None = None

    def __init__(self, wizard: "Wizard") -> None:
        super().__init__()
        self.wizard = wizard
        self.ui = self.form_class()
        self.ui.setupUi(self)
        self.setObjectName(f"page_{self.page_id}")

    @property
    def app(self) -> "Application":
        return self.wizard.app

    def title(self) -> str:
        raise NotImplementedError

    def bind_fields(self) -> None:
        """Register this page's ``fieldPath`` widgets with the wizard's binder."""
        self.wizard.binder.bind_tree(self)

    def refresh(self) -> None:
        """Update texts computed from the application (decisions, lists, deadlines). Called after loads and edits."""

    def field_changed(self, path: str) -> None:
        """A field changed (by the user on any page); refresh when it matters to this page."""

    def findings_changed(self) -> None:
        """New validation results are available in ``self.wizard.findings``."""

    def retranslate(self) -> None:
        """Re-set texts that are set in code (forms are re-translated by ``retranslateUi``)."""
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.retranslate()
        super().changeEvent(event)
