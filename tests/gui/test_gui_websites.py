"""Several websites in one access filing: add, edit, reorder, remove, each with its own owner (issue 11, item 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from beian_desktop.sample import sample_application
from gui_helpers import type_text


def test_add_edit_reorder_and_remove_websites(make_window, store, qtbot):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    window.open_draft(draft_id, "details")
    wizard = window.wizard
    details = wizard.page("details")
    ui = details.ui
    details.add_site_button.click()
    assert len(wizard.app.websites) == 2 and details.site == 1
    assert ui.siteName.text() == "" and ui.ownerName.text() == ""  # the new site's own, empty inputs
    type_text(ui.siteName, "云栖示例商城")
    ui.siteDomains.entry.setText("shop.yunqi-demo.com")  # the domains are a list: type one, press Enter
    qtbot.keyClick(ui.siteDomains.entry, Qt.Key.Key_Return)
    type_text(ui.ownerName, "王小明")
    assert wizard.app.websites[1].name == "云栖示例商城" and wizard.app.websites[1].domains == ["shop.yunqi-demo.com"]
    assert wizard.app.websites[0].name == "云栖示例科技官网"  # the first website is untouched
    assert details.site_chooser.count() == 2 and "云栖示例商城" in details.site_chooser.itemText(1)
    # the product page asks for one service number per website
    wizard.go_to("product")
    product = wizard.page("product")
    assert product._rows[1][1].isVisibleTo(product) and "云栖示例商城" in product._rows[1][0].text()
    wizard.go_to("details")
    details.select_site(0)
    assert ui.siteName.text() == "云栖示例科技官网" and ui.ownerName.text() == "林晓雯"
    details.move_site(0, 1)  # the shop first
    assert [w.name for w in wizard.app.websites] == ["云栖示例商城", "云栖示例科技官网"] and details.site == 1
    window.autosave.flush()
    saved = store.drafts.load(draft_id)
    assert [w.name for w in saved.websites] == ["云栖示例商城", "云栖示例科技官网"]
    assert saved.websites[0].owner.name == "王小明"
    details.confirm_remove = lambda name: True
    assert details.remove_site(0)
    window.autosave.flush()
    assert [w.name for w in store.drafts.load(draft_id).websites] == ["云栖示例科技官网"]
    assert not details.remove_site_button.isEnabled()  # the last website stays


def test_a_problem_of_the_second_website_is_named_and_jumps_there(make_window, store):
    app = sample_application("hangzhou")
    second = sample_application("hangzhou").websites[0]
    second.name = ""  # required
    app.websites.append(second)
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(app), "submit")
    wizard = window.wizard
    problems = wizard.page("submit").ui.problems
    texts = [problems.item(i).text() for i in range(problems.count())]
    row = next(i for i, t in enumerate(texts) if "网站 2 · 网站名称" in t)
    wizard.page("submit")._jump(problems.item(row))
    details = wizard.page("details")
    assert wizard.current_page() is details and details.site == 1
    assert window.focusWidget() is details.ui.siteName


def test_domains_are_a_list_editor(make_window, store, qtbot):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    window.open_draft(draft_id, "details")
    wizard = window.wizard
    domains = wizard.page("details").ui.siteDomains
    assert domains.domains() == ["yunqi-demo.com"]
    domains.entry.setText("yunqi-demo.cn")
    qtbot.keyClick(domains.entry, Qt.Key.Key_Return)
    assert wizard.current_page().page_id == "details"  # Enter added the domain, it did not move on
    assert wizard.app.websites[0].domains == ["yunqi-demo.com", "yunqi-demo.cn"]
    assert wizard.page("start").ui.domains.domains() == ["yunqi-demo.com", "yunqi-demo.cn"]  # the start page follows
    domains.list.setCurrentRow(0)
    domains.remove_button.click()
    window.autosave.flush()
    assert store.drafts.load(draft_id).websites[0].domains == ["yunqi-demo.cn"]
    domains.entry.setText("bad_domain..com")
    domains.add_typed()
    wizard.validate_now()
    assert domains.property("severity") == "error"
