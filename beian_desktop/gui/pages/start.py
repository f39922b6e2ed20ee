"""Step 1: domain(s), existing ICP numbers, subject basics, the filing-type questions and the decision."""

from __future__ import annotations

from beian_desktop.domain.filing_type import FilingDecision, decide_filing_type
from beian_desktop.gui.forms.ui_page_start import Ui_PageStart
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets.colours import colour


class StartPage(WizardPage):
    page_id = "start"
    form_class = Ui_PageStart

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.decision: FilingDecision | None = None

    def title(self) -> str:
        return translate("StartPage", "开始：域名与备案类型")

    def kind_label(self, kind: str) -> str:
        texts = {
            "new_access": translate("StartPage", "新增接入备案"),
            "continue_access": translate("StartPage", "继续接入备案"),
            "not_access": translate("StartPage", "不是接入备案"),
            "blocked": translate("StartPage", "暂时无法办理"),
            "undecided": translate("StartPage", "尚未确定"),
        }
        return texts.get(kind, kind)

    def field_changed(self, path: str) -> None:
        if path.startswith("answers.") or path in ("subject.province",):
            self.refresh()

    def refresh(self) -> None:
        ui = self.ui
        decision = decide_filing_type(self.app.answers)
        self.decision = decision
        ui.decisionLabel.setText(self.kind_label(decision.outcome))
        ui.reasonLabel.setText(msg_text(decision.reason))
        ui.continueNote.setVisible(decision.outcome == "continue_access")
        tint = {"new_access": "pass", "continue_access": "pass", "blocked": "fail", "not_access": "fail"}.get(decision.outcome)
        ui.decisionLabel.setStyleSheet(
            "font-size: 14pt; font-weight: 600;" + (f" color: {colour(tint)};" if tint else ""))
        # a filing that cannot be done (blocked, or not an access filing) has no flow yet: the draft list says why
        flow = None if decision.outcome in ("blocked", "not_access") else getattr(decision.flow, "value", decision.flow)
        current = getattr(self.app.flow, "value", self.app.flow)
        if flow != current and self.wizard.draft_id is not None:
            self.wizard.set_field("flow", flow)
