"""Step 4: subject, principal, website, website owner and access contact data, with live validation,
province-dependent requirements and the comparison with the original filing record."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

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


_SITE_PATH = re.compile(r"^websites\.(\d+)\.")


class DetailsPage(WizardPage):
    """Subject, principal, the websites (one shown at a time: add, remove, reorder), their owners and the contact."""

    page_id = "details"
    form_class = Ui_PageDetails

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.site = 0  # the website the website and owner inputs show
        self._site_widgets: list = []
        self._app_seen = None
        self._build_site_bar()

    def title(self) -> str:
        return translate("DetailsPage", "主体、网站与接入信息")

    # ---- several websites ---------------------------------------------------------------------------------------
    def _build_site_bar(self) -> None:
        bar = QWidget(self)
        bar.setObjectName("siteBar")
        rows = QVBoxLayout(bar)  # the chooser, then its buttons: narrow enough for the right column at 1024 px
        rows.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        self.site_chooser = QComboBox(bar)
        self.site_chooser.setObjectName("siteChooser")
        self.add_site_button = QPushButton(bar)
        self.add_site_button.setObjectName("addSiteButton")
        self.remove_site_button = QPushButton(bar)
        self.remove_site_button.setObjectName("removeSiteButton")
        self.up_button = QPushButton(bar)
        self.up_button.setObjectName("siteUpButton")
        self.down_button = QPushButton(bar)
        self.down_button.setObjectName("siteDownButton")
        layout.addWidget(self.site_chooser, 1)
        buttons = QHBoxLayout()
        rows.addLayout(buttons)
        for button in (self.add_site_button, self.remove_site_button, self.up_button, self.down_button):
            button.setAutoDefault(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.ui.websiteGroupForm.insertRow(0, bar)
        self.site_chooser.activated.connect(self.select_site)
        self.add_site_button.clicked.connect(self.add_site)
        self.remove_site_button.clicked.connect(lambda: self.remove_site(self.site))
        self.up_button.clicked.connect(lambda: self.move_site(self.site, -1))
        self.down_button.clicked.connect(lambda: self.move_site(self.site, 1))
        self._retranslate_site_bar()

    def _retranslate_site_bar(self) -> None:
        self.add_site_button.setText(translate("DetailsPage", "添加网站"))
        self.remove_site_button.setText(translate("DetailsPage", "删除此网站"))
        for button, arrow, name in ((self.up_button, "↑", translate("DetailsPage", "上移")),
                                    (self.down_button, "↓", translate("DetailsPage", "下移"))):
            button.setText(arrow)  # narrow: the right column must fit at 1024 px, in English too
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance(arrow) + 24)
        self.site_chooser.setAccessibleName(translate("DetailsPage", "正在编辑的网站"))
        self._fill_chooser()

    def bind_fields(self) -> None:
        super().bind_fields()
        self._site_widgets = [w for path in self.wizard.binder.paths() if _SITE_PATH.match(path)
                              for w in self.wizard.binder.widgets(path) if self.isAncestorOf(w)]

    def _fill_chooser(self) -> None:
        chooser = self.site_chooser
        chooser.blockSignals(True)
        chooser.clear()
        for index, website in enumerate(self.app.websites or [None]):
            name = (website.name or (website.domains[0] if website.domains else "")) if website else ""
            chooser.addItem(translate("DetailsPage", "网站 {n}：{name}").format(n=index + 1, name=name or "—"), index)
        chooser.setCurrentIndex(min(self.site, chooser.count() - 1))
        chooser.blockSignals(False)
        count = len(self.app.websites)
        self.remove_site_button.setEnabled(count > 1)
        self.up_button.setEnabled(self.site > 0)
        self.down_button.setEnabled(self.site < count - 1)

    def select_site(self, index: int) -> None:
        """Show website ``index`` in the website and site-owner inputs."""
        index = max(0, min(index, max(0, len(self.app.websites) - 1)))
        self.site = index
        binder = self.wizard.binder
        for widget in self._site_widgets:
            path = _SITE_PATH.sub(f"websites.{index}.", str(widget.property("fieldPath")))
            binder.rebind(widget, path)
            binder.set_value(path, app_value(self.app, path))
        self._show_owner()
        self.ui.ownerGroup.setEnabled(not self._owner_same())
        self._fill_chooser()
        self.wizard.validate_now()

    def show_path(self, path: str) -> None:
        """Before jumping to ``path``: show its website when it is one of the websites."""
        match = _SITE_PATH.match(path)
        if match and int(match.group(1)) != self.site and int(match.group(1)) < len(self.app.websites):
            self.select_site(int(match.group(1)))

    def add_site(self) -> None:
        from beian_desktop.domain.model import Website

        self.app.websites.append(Website())
        self.wizard.resave_prefix("websites.")
        self.select_site(len(self.app.websites) - 1)

    def confirm_remove(self, name: str) -> bool:
        """Ask before removing a website with its data (tests replace this)."""
        answer = QMessageBox.question(
            self, translate("DetailsPage", "删除网站"),
            translate("DetailsPage", "从这份草稿中删除“{name}”及其网站负责人信息？").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def remove_site(self, index: int) -> bool:
        if len(self.app.websites) <= 1 or not 0 <= index < len(self.app.websites):
            return False
        if not self.confirm_remove(self.site_chooser.itemText(index)):
            return False
        del self.app.websites[index]
        self.wizard.resave_prefix("websites.")
        self.select_site(min(index, len(self.app.websites) - 1))
        return True

    def move_site(self, index: int, delta: int) -> None:
        target = index + delta
        sites = self.app.websites
        if not (0 <= index < len(sites) and 0 <= target < len(sites)):
            return
        sites[index], sites[target] = sites[target], sites[index]
        self.wizard.resave_prefix("websites.")
        self.select_site(target)

    def retranslate(self) -> None:
        self._retranslate_site_bar()
        super().retranslate()

    # ---- the site owner -------------------------------------------------------------------------------------------
    def field_changed(self, path: str) -> None:
        if (path in ("subject.province", "subject.nature") or path.endswith("owner_is_principal")
                or path.endswith("cert_type")):
            self.refresh()
        elif path.startswith("principal.") and self._owner_same():
            self._show_owner()
        elif path.startswith("websites.") and (path.endswith(".name") or path.endswith(".domains")):
            self._fill_chooser()

    def _owner_same(self) -> bool:
        return bool(self.site < len(self.app.websites) and self.app.websites[self.site].owner_is_principal)

    def _show_owner(self) -> None:
        """The site owner's inputs: the principal's data, read-only, while they are the same person (the owner's own
        stored values are kept, and come back when the box is unticked)."""
        prefix = f"websites.{self.site}.owner."
        same = self._owner_same()
        binder = self.wizard.binder
        for path in binder.paths():
            if path.startswith(prefix):
                source = "principal." + path[len(prefix):] if same else path
                binder.set_value(path, app_value(self.app, source))

    def refresh(self) -> None:
        ui = self.ui
        if self._app_seen is not self.app:  # another draft: start at its first website
            self._app_seen = self.app
            if self.site:
                self.select_site(0)
        self._fill_chooser()
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
