"""The printable checklist: step by step what to enter where in Alibaba Cloud's filing system, with the values to copy.

Plain HTML kept to the subset Qt's rich-text engine renders (tables, headings, lists, inline colours), so the same
text becomes ``checklist.html`` and, through :mod:`beian_desktop.export.checklist_pdf`, ``checklist.pdf``.
The MIIT filing password is never printed: the checklist only says where to type it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any

from beian_desktop.domain import progress as pg
from beian_desktop.domain.labels import CERT_TYPE_LABELS, NATURE_LABELS, flow_label
from beian_desktop.domain.rules import rules_in_force
from beian_desktop.domain.model import Application, Flow, Person
from beian_desktop.export.naming import ROLE_NAMES, display_name, parse_slot
from beian_desktop.export.problems import Problem
from beian_desktop.i18n import Msg

M = Msg
NATURE = NATURE_LABELS  # the one label catalogue (domain.labels)
CERT = CERT_TYPE_LABELS
VERDICT = {"pass": M("通过", "passed"), "warn": M("有警告", "warnings"), "fail": M("未通过", "failed"), "": M("未检查", "not checked")}
STYLE = """
body { font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 12.5pt; color: #0b5cad; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 10.5pt; margin-top: 8px; margin-bottom: 2px; }
table.kv td { padding: 3px 6px; }
td.k { color: #555; background-color: #f2f4f7; }
td.v { font-family: 'Noto Sans Mono CJK SC', 'Consolas', monospace; }
p.meta { color: #666; }
p.note { color: #555; }
.bad { color: #c0392b; }
.warn { color: #b9770e; }
.ok { color: #1e8449; }
"""


def _t(msg: Msg, lang: str) -> str:
    return escape(msg.text(lang))


def _kv_table(rows: Sequence[tuple[Msg, Any]], lang: str) -> str:
    cells = []
    for label, value in rows:
        if isinstance(value, list):
            items = [v.text(lang) if isinstance(v, Msg) else str(v) for v in value]
            value = ("、" if lang.startswith("zh") else ", ").join(v for v in items if v.strip())
        if isinstance(value, Msg):
            value = value.text(lang)
        text = escape(str(value)) if value not in (None, "") else (
            '<span class="bad">' + _t(M("（未填写）", "(empty)"), lang) + "</span>")
        cells.append(f'<tr><td class="k" width="32%">{_t(label, lang)}</td><td class="v">{text}</td></tr>')
    return '<table class="kv" border="1" cellspacing="0" cellpadding="4" width="100%">' + "".join(cells) + "</table>"


def _province(code: str) -> Msg | str:
    try:
        from beian_desktop.domain.rules import province_by_code

        province = province_by_code(code)
    except ImportError:  # pragma: no cover
        province = None
    return province.label if province else code


def _person_rows(person: Person) -> list[tuple[Msg, Any]]:
    valid = M("长期", "long-term") if person.cert_long_term else f"{person.cert_valid_from} – {person.cert_valid_to}"
    return [
        (M("姓名", "Name"), person.name), (M("证件类型", "Certificate type"), CERT.get(person.cert_type, person.cert_type)),
        (M("证件号码", "Certificate number"), person.cert_number), (M("证件有效期", "Certificate validity"), valid),
        (M("手机号码", "Mobile"), person.mobile), (M("应急联系电话", "Emergency phone"), person.emergency_phone),
        (M("办公电话", "Office phone"), person.office_phone or "—"), (M("电子邮箱", "Email"), person.email),
    ]


def _step(number: int, title: Msg, lang: str, body: str) -> str:
    return f"<h2>{number}. {_t(title, lang)}</h2>{body}"


def _p(msg: Msg, lang: str, cls: str = "") -> str:
    return f'<p class="{cls}">{_t(msg, lang)}</p>' if cls else f"<p>{_t(msg, lang)}</p>"


def render_checklist(app: Application, problems: Sequence[Problem], files: Sequence[Any], *,
                     now: datetime | None = None, lang: str = "zh_CN") -> str:
    """The checklist as one HTML document. ``files`` are the package's :class:`PackageFile` items (uploads are ticked)."""
    now = now or pg.now_cst()
    flow = app.flow
    title = M("阿里云接入备案操作清单", "Alibaba Cloud access filing checklist")
    domains = [d for w in app.websites for d in w.domains if d.strip()]
    parts = [f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>", f"<h1>{_t(title, lang)}</h1>"]
    flow_name = flow_label(flow)
    meta = M(f"{app.subject.name or '—'} · {'、'.join(domains) or '—'} · 备案类型：{flow_name.zh} · 生成于 {now:%Y-%m-%d %H:%M}",
             f"{app.subject.name or '—'} · {', '.join(domains) or '—'} · filing type: {flow_name.en} · made {now:%Y-%m-%d %H:%M}")
    parts.append(_p(meta, lang, "meta"))

    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if errors:
        parts.append('<h2 class="bad">' + _t(M(f"草稿包：还有 {len(errors)} 个问题需要解决后才能提交",
                                               f"Draft package: {len(errors)} problem(s) to solve before submitting"), lang) + "</h2><ul>")
        parts += [f'<li class="bad">{_t(p.message, lang)}</li>' for p in errors]
        parts.append("</ul>")
    if warnings:
        parts.append("<h3>" + _t(M("请核对", "Please review"), lang) + "</h3><ul>")
        parts += [f'<li class="warn">{_t(p.message, lang)}</li>' for p in warnings]
        parts.append("</ul>")
    if not problems:
        parts.append(_p(M("✔ 所有检查均已通过，可以提交。", "✔ Every check passed: ready to submit."), lang, "ok"))

    n = 1
    sign_in = M("打开 https://beian.aliyun.com/order/ ，用阿里云账号登录备案系统。",
                "Open https://beian.aliyun.com/order/ and sign in to the filing system with your Alibaba Cloud account.")
    if flow == Flow.CONTINUE_ACCESS:
        sign_in = M("用之前备案成功时的同一个阿里云账号登录 https://beian.aliyun.com/order/ ，在备案信息页面点击“继续接入备案”。",
                    "Sign in at https://beian.aliyun.com/order/ with the same Alibaba Cloud account as the earlier filing, "
                    "then click “继续接入备案” (continue access) on your filing's page.")
    parts.append(_step(n, M("登录阿里云备案系统", "Sign in to the filing system"), lang, _p(sign_in, lang)))
    n += 1
    if flow != Flow.CONTINUE_ACCESS:
        rows = [(M("主体所在省份", "Subject province"), _province(app.subject.province)),
                (M("主体性质", "Subject nature"), NATURE.get(app.subject.nature, app.subject.nature)),
                (M("主体证件类型", "Certificate type"), CERT.get(app.subject.cert_type, app.subject.cert_type)),
                (M("主体证件号码", "Certificate number"), app.subject.cert_number),
                (M("主体名称", "Subject name"), app.subject.name),
                (M("备案域名", "Domain"), domains)]
        parts.append(_step(n, M("填写域名与主体信息，点击“验证备案类型”", "Enter domain and subject, click “验证备案类型”"), lang,
                           _kv_table(rows, lang) + _p(M("填写内容必须与原备案信息完全一致，否则会被判断为其他备案类型。",
                                                        "The values must equal the existing filing exactly, or the system "
                                                        "picks another filing type."), lang, "note")))
        n += 1
    numbers = [s for w in app.websites for s in w.service_numbers]
    parts.append(_step(n, M("产品验证", "Product verification"), lang, _kv_table(
        [(M("产品类型", "Product type"), M("阿里云", "Alibaba Cloud")), (M("备案服务号", "Filing service number"), numbers)], lang)))
    n += 1
    parts.append(_step(n, M("验证备案密码", "Verify the MIIT filing password"), lang, _p(M(
        "输入工信部发放的备案密码（本软件不保存密码）。忘记密码可在当地管局网站或工信部网站找回。",
        "Type the MIIT filing password (this app never stores it). If forgotten, recover it on the provincial bureau's "
        "or MIIT's website."), lang)))
    n += 1
    body = "<h3>" + _t(M("主体信息", "Subject"), lang) + "</h3>" + _kv_table([
        (M("主体名称", "Subject name"), app.subject.name), (M("证件号码", "Certificate number"), app.subject.cert_number),
        (M("证件住所", "Certificate address"), app.subject.cert_address),
        (M("通讯地址", "Mailing address"), app.subject.mailing_address),
        (M("投资人或主管单位", "Investor / supervising body"), app.subject.investor),
        (M("主体备案号", "Subject ICP number"), app.subject.icp_number)], lang)
    body += "<h3>" + _t(M("主体负责人", "Principal"), lang) + "</h3>" + _kv_table(_person_rows(app.principal), lang)
    for index, w in enumerate(app.websites):
        label = M(f"网站 {index + 1}", f"Website {index + 1}")
        body += f"<h3>{_t(label, lang)}</h3>" + _kv_table([
            (M("网站名称", "Website name"), w.name), (M("网站域名", "Domains"), w.domains), (M("网站首页", "Homepage"), w.homepage),
            (M("网站服务内容", "Service content"), w.service_content), (M("网站语言", "Languages"), [_language_name(code) for code in w.languages]),
            (M("网站备案号", "Website ICP number"), w.icp_number)], lang)
        if w.owner_is_principal:
            body += _p(M("网站负责人：同主体负责人", "Website owner: same as the principal"), lang, "note")
        else:
            body += "<h3>" + _t(M(f"网站 {index + 1} 负责人", f"Website {index + 1} owner"), lang) + "</h3>" + _kv_table(_person_rows(w.owner), lang)
    body += "<h3>" + _t(M("接入信息（联系方式）", "Access information (contact)"), lang) + "</h3>" + _kv_table(
        [(M("电子邮箱", "Email"), app.contact.email), (M("联系电话", "Phone"), app.contact.phone)], lang)
    parts.append(_step(n, M("填写主体、网站与接入信息", "Enter subject, website and access information"), lang, body))
    n += 1
    parts.append(_step(n, M("上传资料并提交备案", "Upload the documents and submit"), lang, _documents_table(app, files, lang)
                       + _p(M("提交后请保持电话畅通，阿里云初审期间可能来电核实。",
                              "Keep your phone reachable after submitting: Alibaba Cloud may call during the first review."),
                            lang, "note")))
    n += 1
    parts.append(_step(n, M("网站负责人拍照核验（初审通过后）", "Photo verification of the website owner (after the first review)"),
                       lang, _photo_text(app, lang) + _photo_file(files, lang)))
    n += 1
    parts.append(_step(n, M("短信核验与管局审核", "SMS verification and bureau review"), lang, _sms_text(app, now, lang)))
    parts.append("</body></html>")
    return "".join(parts)


#: website languages as the console names them (the model keeps locale codes)
_LANGUAGE_NAMES = {"zh_CN": M("中文简体", "Simplified Chinese"), "zh_TW": M("中文繁体", "Traditional Chinese"),
                   "en": M("英语", "English"), "en_US": M("英语", "English"), "ja": M("日语", "Japanese"),
                   "ko": M("韩语", "Korean"), "ru": M("俄语", "Russian"), "fr": M("法语", "French"),
                   "de": M("德语", "German"), "es": M("西班牙语", "Spanish"), "ar": M("阿拉伯语", "Arabic")}


def _language_name(code: str) -> Any:
    return _LANGUAGE_NAMES.get(code, code)


def _documents_table(app: Application, files: Sequence[Any], lang: str) -> str:
    uploads = {f.slot: f for f in files if getattr(f, "role", "") == "upload" and f.type != "photo"}
    try:
        from beian_desktop.domain.documents import required_documents

        required = [(d.slot, d.name) for d in required_documents(app)]
    except ImportError:  # pragma: no cover
        required = []
    slots = [s for s, _ in required] + [s for s in uploads if s not in {r for r, _ in required}]
    names = dict(required)
    header = [M("已备", "Ready"), M("资料", "Document"), M("包内文件", "File in the package"), M("检查", "Check")]
    rows = ["<tr>" + "".join(f'<td class="k"><b>{_t(h, lang)}</b></td>' for h in header) + "</tr>"]
    for slot in slots:
        f = uploads.get(slot)
        role = ROLE_NAMES.get(parse_slot(slot).role)
        name = names.get(slot) or display_name(slot)
        if role is not None and slot in names:
            name = Msg(f"{role.zh} · {name.zh}", f"{role.en} · {name.en}")
        if f is None:
            mark, file_cell, check = '<span class="bad">☐</span>', '<span class="bad">' + _t(M("缺少", "missing"), lang) + "</span>", ""
        else:
            verdict = ((f.check or {}).get("report") or {}).get("verdict") or (f.check or {}).get("draft_verdict") or ""
            css = {"pass": "ok", "warn": "warn", "fail": "bad"}.get(verdict, "")
            mark = '<span class="ok">☑</span>'
            file_cell = escape(f.path)
            check = f'<span class="{css}">{_t(VERDICT.get(verdict, VERDICT[""]), lang)}</span>'
        rows.append(f"<tr><td align='center'>{mark}</td><td>{_t(name, lang)}</td><td>{file_cell}</td><td>{check}</td></tr>")
    return '<table border="1" cellspacing="0" cellpadding="4" width="100%">' + "".join(rows) + "</table>"


def _photo_text(app: Application, lang: str) -> str:
    try:
        from beian_desktop.domain.rules import PhotoMethod, rules_in_force

        method = rules_in_force().photo.method_for(app.subject.province)
        shanghai = method == PhotoMethod.SHANGHAI_APP
    except ImportError:  # pragma: no cover
        shanghai = app.subject.province == "310000"
    pv = app.photo_verification
    if shanghai:
        try:
            done = pg.parse_time(pv.shanghai_app_done_at) if pv.shanghai_app_done_at else None
        except pg.ProgressError:
            done = None
        when = done.astimezone(pg.CST).strftime("%Y-%m-%d %H:%M") if done is not None else ""
        state = (M(f"已完成（记录于 {when}，北京时间）", f"done (recorded {when}, Beijing time)") if done is not None
                 else M("尚未完成", "not done yet"))
        return _p(M("上海地区：必须使用上海市通信管理局 app 进行人像核验（在上海拍摄，手机号须为网站负责人本人）。",
                    "Shanghai: the face check must be done in the Shanghai Communications Administration's app "
                    "(taken in Shanghai, on the website owner's own phone)."), lang) + _kv_table(
            [(M("上海管局 App 核验", "Shanghai bureau app check"), state)], lang)
    choice = {"have": M("已有阿里云幕布（不需要邮寄）", "already has an Alibaba Cloud backdrop (nothing to mail)"),
              "request": M("申请幕布，邮寄到下面的地址", "requested, to be mailed to the address below")}.get(
        pv.backdrop, M("尚未选择", "not chosen yet"))
    rows: list[tuple[Msg, Any]] = [(M("幕布", "Backdrop"), choice)]
    if pv.backdrop != "have":
        rows += [(M("幕布收件人", "Backdrop recipient"), pv.mailing_recipient), (M("收件电话", "Phone"), pv.mailing_phone),
                 (M("邮寄地址", "Address"), pv.mailing_address)]
    table = _kv_table(rows, lang) + _app_upload_text(app, lang)
    return table + _p(M("在阿里云备案系统点击“填写邮寄地址”申请幕布（仅限中国大陆地址）。收到幕布后站在幕布正中拍上半身照，"
                        "勿穿红色或蓝色上衣；照片审核通过后阿里云在 1 个工作日内提交管局。",
                        "Click “填写邮寄地址” to request the backdrop cloth (mainland China addresses only). Stand in the middle "
                        "of it for an upper-body photo; no red or blue tops. After the photo passes, Alibaba Cloud submits "
                        "to the bureau within 1 working day."), lang, "note")


def _app_upload_text(app: Application, lang: str) -> str:
    """The seed's provinces (rule data) whose applicants may also upload documents and the photo in the Alibaba Cloud
    app."""
    from beian_desktop.domain.rules import province_by_code

    province = province_by_code(app.subject.province) if app.subject.province else None
    if province is None or province.code not in rules_in_force().photo.app_upload_provinces:
        return ""
    return _p(M(f"{province.name}的用户也可以在阿里云 App 中上传证件资料并完成网站负责人拍照核验。",
                f"Applicants in {province.en} may also upload the documents and do the photo verification in the "
                "Alibaba Cloud app."), lang, "note")


def _photo_file(files: Sequence[Any], lang: str) -> str:
    photo = next((f for f in files if getattr(f, "role", "") == "upload" and f.type == "photo"), None)
    if photo is None:
        return _p(M("幕布照片尚未拍摄：收到幕布后在本软件中检查照片，再上传。",
                    "No backdrop photo yet: check it in this app once the cloth arrives, then upload it."), lang, "note")
    verdict = ((photo.check or {}).get("report") or {}).get("verdict") or (photo.check or {}).get("draft_verdict") or ""
    css = {"pass": "ok", "warn": "warn", "fail": "bad"}.get(verdict, "")
    return (f"<p>{_t(M('照片文件：', 'Photo file: '), lang)}{escape(photo.path)} · "
            f'<span class="{css}">{_t(M("检查：" + VERDICT.get(verdict, VERDICT[""]).zh, "check: " + VERDICT.get(verdict, VERDICT[""]).en), lang)}</span></p>')


def _sms_text(app: Application, now: datetime, lang: str) -> str:
    ruleset = rules_in_force(now.date())
    sms, review = ruleset.sms, ruleset.review
    out = ""
    if sms.applies_to(app.subject.province):
        out += _p(M(f"阿里云提交管局后，12381 会发送短信验证码，须在 {sms.complete_within_hours} 小时内登录管局网站输入手机号、"
                    "证件号后 6 位与验证码完成核验，否则申请会被退回。",
                    f"After Alibaba Cloud submits to the bureau, 12381 sends an SMS code: within {sms.complete_within_hours} h, "
                    "enter the phone number, the last 6 digits of the ID number and the code on the bureau's site, "
                    "or the application is returned."), lang)
    low, high = review.bureau_min_working_days, review.bureau_max_working_days
    out += _p(M(f"管局审核一般需要 {low}-{high} 个工作日，结果以短信和邮件通知；审核通过后即可将域名解析到阿里云。",
                f"The bureau review takes {low}-{high} working days; the result comes by SMS and email. Once approved, "
                "point the domain to Alibaba Cloud."), lang)
    out += '<p class="meta">' + _t(M("依据：", "Sources: "), lang) + "; ".join(
        escape(f"{r.source} ({r.effective_date})") for r in (sms, review)) + "</p>"
    return out
