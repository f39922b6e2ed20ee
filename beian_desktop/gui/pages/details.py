"""Step 4: subject, principal, website, website owner and access contact data, with live validation,
province-dependent requirements and the comparison with the original filing record."""

from __future__ import annotations

from datetime import date

from beian_desktop.domain.documents import document_restrictions
from beian_desktop.domain.model import Application
from beian_desktop.domain.rules import PhotoMethod, rules_in_force
from beian_desktop.gui.choices import province_name
from beian_desktop.gui.forms.ui_page_details import Ui_PageDetails
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets.binding import app_value
from beian_desktop.i18n import Msg

# what each province rule of the rule data asks of the applicant, in words
RULE_NOTES = {
    "office_phone_differs_from_owner_mobile": Msg("办公电话不能与网站负责人的手机号码相同。",
                                                  "The office phone must differ from the website owner's mobile."),
    "landline_required": Msg("必须填写办公固定电话。", "An office landline is required."),
    "mailing_address_in_cert_city": Msg("通讯地址应位于证件所在城市。", "The mailing address should be in the certificate's city."),
    "local_phone_numbers": Msg("联系电话应为本省号码，且未被其他主体使用。",
                               "Phone numbers should be local and not used by another subject."),
}


def province_requirements(app: Application, on: date | None = None) -> list[Msg]:
    """Requirements of the subject's province (province rules, SMS, photo method, restrictions) as bilingual notes."""
    province = app.subject.province
    if not province:
        return []
    ruleset = rules_in_force(on or date.today())
    notes = [RULE_NOTES[rule.id] for rule in ruleset.province_rules
             if rule.provinces is not None and rule.applies_to(province) and rule.id in RULE_NOTES]
    if ruleset.sms.applies_to(province):
        hours = ruleset.sms.complete_within_hours
        notes.append(Msg(f"提交管局后需完成手机短信核验（{hours} 小时内）。",
                         f"SMS verification is required after submission to the bureau (within {hours} h)."))
    if ruleset.photo.method_for(province) is PhotoMethod.SHANGHAI_APP:
        notes.append(Msg("网站负责人核验须使用上海市通信管理局 App，不使用幕布照片。",
                         "The website owner is verified with the Shanghai bureau's app, not a backdrop photo."))
    notes.extend(r.message for r in document_restrictions(app))
    return notes


class DetailsPage(WizardPage):
    page_id = "details"
    form_class = Ui_PageDetails

    def title(self) -> str:
        return translate("DetailsPage", "主体、网站与接入信息")

    def field_changed(self, path: str) -> None:
        if path in ("subject.province", "subject.nature", "websites.0.owner_is_principal") or path.endswith("cert_type"):
            self.refresh()
        elif path.startswith("principal.") and self._owner_same():
            self._show_owner()

    def _owner_same(self) -> bool:
        return bool(self.app.websites and self.app.websites[0].owner_is_principal)

    def _show_owner(self) -> None:
        """The site owner's inputs: the principal's data, read-only, while they are the same person (the owner's own
        stored values are kept, and come back when the box is unticked)."""
        prefix = "websites.0.owner."
        same = self._owner_same()
        binder = self.wizard.binder
        for path in binder.paths():
            if path.startswith(prefix):
                source = "principal." + path[len(prefix):] if same else path
                binder.set_value(path, app_value(self.app, source))

    def refresh(self) -> None:
        ui = self.ui
        owner_same = self._owner_same()
        ui.ownerGroup.setEnabled(not owner_same)
        self._show_owner()
        if not self.app.subject.province:
            ui.provinceNotes.setText(translate("DetailsPage", "选择主体所在省份后，这里会列出该省的特别要求。"))
            return
        notes = province_requirements(self.app)
        province = province_name(self.app.subject.province)
        if notes:
            heading = translate("DetailsPage", "{province}：").format(province=province)
            ui.provinceNotes.setText(heading + "\n" + "\n".join("• " + msg_text(n) for n in notes))
        else:
            ui.provinceNotes.setText(translate("DetailsPage", "{province}：没有额外的省份要求。").format(province=province))
