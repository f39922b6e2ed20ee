"""Step 4: subject, principal, website, website owner and access contact data, with live validation,
province-dependent requirements and the comparison with the original filing record."""

from __future__ import annotations

from beian_desktop.gui import services
from beian_desktop.gui.forms.ui_page_details import Ui_PageDetails
from beian_desktop.gui.i18n_qt import current, msg_text, translate
from beian_desktop.gui.pages.base import WizardPage


class DetailsPage(WizardPage):
    page_id = "details"
    form_class = Ui_PageDetails

    def title(self) -> str:
        return translate("DetailsPage", "主体、网站与接入信息")

    def field_changed(self, path: str) -> None:
        if path in ("subject.province", "subject.nature", "websites.0.owner_is_principal") or path.endswith("cert_type"):
            self.refresh()

    def refresh(self) -> None:
        ui = self.ui
        owner_same = bool(self.app.websites and self.app.websites[0].owner_is_principal)
        ui.ownerGroup.setEnabled(not owner_same)
        if not self.app.subject.province:
            ui.provinceNotes.setText(translate("DetailsPage", "选择主体所在省份后，这里会列出该省的特别要求。"))
            return
        try:
            notes = services.province_requirements(self.app)
        except services.Unavailable as exc:
            ui.provinceNotes.setText(translate("DetailsPage", "检查器不可用 / checker not available") + "：" + msg_text(exc.message))
            return
        province = services.province_name(self.app.subject.province, current())
        if notes:
            heading = translate("DetailsPage", "{province}：").format(province=province)
            ui.provinceNotes.setText(heading + "\n" + "\n".join("• " + msg_text(n) for n in notes))
        else:
            ui.provinceNotes.setText(translate("DetailsPage", "{province}：没有额外的省份要求。").format(province=province))
