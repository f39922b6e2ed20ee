"""Validation of the domains of a website.

A filed domain is a bare registered domain (``example.com``, ``例子.中国``): no scheme, path or port. Chinese IDNs are
converted with IDNA (punycode) and shown in Unicode. The top-level domain must be fileable (``resources/rules/
tlds.json``): a known not-fileable TLD is an error, a TLD in neither list is a warning. A host name such as
``www.example.com`` is accepted with a warning that the registered (filed) domain is ``example.com``.
"""

from __future__ import annotations

import re
from datetime import date

from beian_desktop.domain.checks import REQUIRED, FieldCheck
from beian_desktop.domain.rules import TldRule, rules_in_force
from beian_desktop.i18n import Msg

__all__ = ["registered_domain", "to_ascii", "to_unicode", "validate_domain"]

_ASCII_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_NATURE_LABELS = {
    "government": Msg("政府机关", "government bodies"),
    "public_institution": Msg("事业单位", "public institutions"),
}


def to_ascii(domain: str) -> str:
    """Punycode form (``xn--fsqu00a.xn--fiqs8s``); raises ``UnicodeError`` for invalid labels."""
    return domain.encode("idna").decode("ascii")


def to_unicode(domain: str) -> str:
    """Unicode form of a (possibly punycode) domain."""
    return domain.encode("ascii").decode("idna") if domain.isascii() else domain


def _normalise(value: str) -> str:
    text = value.strip().translate(str.maketrans("。．｡", "...")).lower()
    return text[:-1] if text.endswith(".") else text


def _suffix(labels: list[str], tlds: TldRule) -> list[str]:
    if len(labels) >= 2 and ".".join(labels[-2:]) in tlds.second_level_suffixes:
        return labels[-2:]
    return labels[-1:]


def registered_domain(domain: str, on: date | None = None) -> str | None:
    """The registered domain of a host (``www.example.com.cn`` -> ``example.com.cn``); ``None`` if not a domain."""
    check = validate_domain(domain, on=on)
    return check.info.get("registered") if check.valid else None


def validate_domain(value: str | None, nature: str | None = None, on: date | None = None) -> FieldCheck:
    """Check one domain of a website. ``nature`` (a :class:`SubjectNature` value) enables the checks of restricted
    suffixes such as ``.gov.cn``; ``on`` picks the TLD rule set (default today)."""
    kind = "domain"
    raw = (value or "").strip()
    if not raw:
        return FieldCheck.bad(kind, "", REQUIRED)
    if re.match(r"^[a-z][a-z0-9+.-]*://", raw, flags=re.IGNORECASE) or re.match(r"^(https?|ftp):", raw, re.IGNORECASE):
        return FieldCheck.bad(
            kind, raw, Msg("请只填写域名，不要带 http:// 或 https://", "Enter the domain only, without http:// or https://")
        )
    if any(c in raw for c in "/?#\\"):
        return FieldCheck.bad(kind, raw, Msg("请只填写域名，不要带路径（/ 之后的部分）", "Enter the domain only, without a path"))
    if "@" in raw:
        return FieldCheck.bad(kind, raw, Msg("这看起来是电子邮箱，请填写域名", "This looks like an e-mail address: enter a domain"))
    if ":" in raw or "：" in raw:
        return FieldCheck.bad(kind, raw, Msg("请只填写域名，不要带端口号", "Enter the domain only, without a port"))
    if re.search(r"\s", raw):
        return FieldCheck.bad(kind, raw, Msg("域名中不能有空格", "A domain cannot contain spaces"))
    text = _normalise(raw)
    if re.fullmatch(r"[\d.]+", text):
        return FieldCheck.bad(kind, text, Msg("IP 地址不能备案，请填写域名", "An IP address cannot be filed: enter a domain"))
    labels = text.split(".")
    if len(labels) < 2 or any(not label for label in labels):
        return FieldCheck.bad(kind, text, Msg("不是完整的域名，例如 example.com", "Not a complete domain, e.g. example.com"))
    try:
        ascii_labels = [to_ascii(label) for label in labels]
        unicode_labels = [to_unicode(label) for label in ascii_labels]
    except UnicodeError:
        return FieldCheck.bad(kind, text, Msg("域名中含有无效字符", "The domain contains invalid characters"))
    if not all(_ASCII_LABEL.fullmatch(label) for label in ascii_labels) or len(".".join(ascii_labels)) > 253:
        return FieldCheck.bad(
            kind,
            text,
            Msg("域名格式无效：只能包含字母、数字、中文和连字符，且不能以连字符开头或结尾",
                "Invalid domain: letters, digits, Chinese characters and hyphens only, not starting or ending with a hyphen"),
        )

    tlds = rules_in_force(on).tlds
    suffix = _suffix(unicode_labels, tlds)
    suffix_text = ".".join(suffix)
    top = unicode_labels[-1]
    if len(unicode_labels) <= len(suffix):
        return FieldCheck.bad(kind, text, Msg(f"“{suffix_text}”只是后缀，请填写完整域名", f"'{suffix_text}' is only a suffix: enter the full domain"))
    if top in tlds.not_fileable or suffix_text in tlds.not_fileable:
        return FieldCheck.bad(
            kind, text, Msg(f"“.{top}”域名不能在中国大陆备案", f"'.{top}' domains cannot be filed in mainland China")
        )
    warnings: list[Msg] = []
    if suffix_text not in tlds.fileable and top not in tlds.fileable:
        warnings.append(
            Msg(f"“.{suffix_text}”不在已知可备案后缀列表中，请在工信部域名后缀列表中核对",
                f"'.{suffix_text}' is not in our list of fileable suffixes: check MIIT's list")
        )
    allowed = tlds.restricted.get(suffix_text)
    if allowed:
        who = Msg("、".join(_NATURE_LABELS.get(a, Msg(a, a)).zh for a in allowed), ", ".join(_NATURE_LABELS.get(a, Msg(a, a)).en for a in allowed))
        if nature is not None and nature not in allowed:
            return FieldCheck.bad(
                kind, text, Msg(f"“.{suffix_text}”域名仅限{who.zh}使用", f"'.{suffix_text}' domains are reserved for {who.en}")
            )
        if nature is None:
            warnings.append(Msg(f"“.{suffix_text}”域名仅限{who.zh}使用", f"'.{suffix_text}' domains are reserved for {who.en}"))

    registered = ".".join(unicode_labels[-(len(suffix) + 1):])
    if len(unicode_labels) > len(suffix) + 1:
        if unicode_labels[0] == "www" and len(unicode_labels) == len(suffix) + 2:
            warnings.append(
                Msg(f"“www.”是主机名，不是备案域名：备案域名为 {registered}",
                    f"'www.' is a host name, not the registered domain: the filed domain is {registered}")
            )
        else:
            warnings.append(
                Msg(f"这是子域名：备案的是注册域名 {registered}", f"This is a subdomain: filings are for the registered domain {registered}")
            )
    domain = ".".join(unicode_labels)
    return FieldCheck.ok(
        kind,
        domain,
        Msg("有效的域名", "Valid domain"),
        warnings,
        ascii=".".join(ascii_labels),
        registered=registered,
        suffix=suffix_text,
        is_subdomain=len(unicode_labels) > len(suffix) + 1,
    )
