"""Where the wizard shows a field: the page and the input of a field path or document slot, and jumping there (from a
problem list, a refused export or a content mismatch). A mixin of :class:`~beian_desktop.gui.wizard.Wizard`, which
provides the pages, the field binder and navigation."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from beian_desktop.domain.documents import required_documents


class FieldLocationsMixin:
    """Finding the page and input of a field path, and going there (methods of the wizard)."""

    #: fields without an input of their own (documents, photo) and the page that shows them
    PAGE_OF_PREFIX = (("documents", "documents"), ("photo_verification", "photo"), ("progress", "submit"),
                      ("answers", "start"), ("flow", "start"))

    def _target(self, path: str) -> tuple[int, QWidget | None] | None:
        """(page index, widget to focus) of a field path or document slot."""
        path = self.bound_path(path)
        for page_index, page in enumerate(self.pages):
            for w in self.binder.widgets(path):
                if page.isAncestorOf(w):
                    return page_index, w
        alias = self.bound_path(re.sub(r"^websites\.\d+\.", "websites.0.", path))
        if alias != path:  # another website than the one the details page shows: that page, no widget yet
            details = self.page("details")
            if any(details.isAncestorOf(w) for w in self.binder.widgets(alias)):
                return self.page_ids().index("details"), None
        documents = self.page("documents")
        if path in getattr(documents, "slots", {}) or self._is_required_slot(path):
            documents.refresh()
            slot = documents.slots.get(path)
            return self.page_ids().index("documents"), (slot.ui.browseButton if slot is not None else None)
        for prefix, page_id in self.PAGE_OF_PREFIX:
            if path.startswith(prefix):
                return self.page_ids().index(page_id), None
        return None

    def _is_required_slot(self, path: str) -> bool:
        return any(doc.slot == path for doc in required_documents(self.app))

    def page_index_of(self, path: str) -> int | None:
        target = self._target(path)
        return None if target is None else target[0]

    def jump_to_field(self, path: str) -> bool:
        """Show the page holding the field (or document slot) ``path`` and focus it. False when no page shows it."""
        for page in self.pages:  # the details page first shows the website the path belongs to
            if hasattr(page, "show_path"):
                page.show_path(path)
        target = self._target(path)
        if target is None:
            return False
        page_index, widget = target
        self.touched.add(self.bound_path(path))  # the user came to fix it: show what is wrong there
        self.go_to(self.pages[page_index].page_id)
        if widget is not None:
            self._scrolls[page_index].ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
