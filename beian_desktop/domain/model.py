"""The model of one access-filing application (接入备案申请).

Every field the seed's steps need. The model is plain dataclasses; it converts to and from

* a nested ``dict`` (:meth:`Application.to_dict` / :meth:`Application.from_dict`), used for JSON import/export, and
* a flat ``{"dotted.path": value}`` mapping (:meth:`Application.to_flat` / :meth:`Application.from_flat`), used by the
  draft store so that autosaving one field writes one row. Paths look like ``subject.cert_number`` or
  ``websites.0.owner.mobile``; values are ``str``, ``bool``, ``None`` or lists of ``str``.

The MIIT filing password (备案密码) is deliberately *not* a field: it is never serialised (see ``Application.secrets``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

SCHEMA_VERSION = 1


class Flow(StrEnum):
    NEW_ACCESS = "new_access"  # 新增接入备案
    CONTINUE_ACCESS = "continue_access"  # 继续接入备案


class SubjectNature(StrEnum):
    ENTERPRISE = "enterprise"  # 企业
    INDIVIDUAL = "individual"  # 个人
    GOVERNMENT = "government"  # 政府机关
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位
    SOCIAL_ORGANIZATION = "social_organization"  # 社会团体
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise"  # 民办非企业单位
    FOUNDATION = "foundation"  # 基金会
    LAW_FIRM = "law_firm"  # 律师执业机构
    OTHER = "other"


class CertType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证 / 港澳台居民居住证 / 外国人永久居留身份证 (GB 11643, 18 chars)
    USCC = "uscc"  # 统一社会信用代码（营业执照等）
    PASSPORT = "passport"  # 护照
    HK_MACAO_PERMIT = "hk_macao_permit"  # 港澳居民来往内地通行证（回乡证）
    TAIWAN_PERMIT = "taiwan_permit"  # 台湾居民来往大陆通行证（台胞证）
    OTHER = "other"


class ProgressStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    FIRST_REVIEW = "first_review"
    PHOTO_VERIFICATION = "photo_verification"
    BUREAU_REVIEW = "bureau_review"
    APPROVED = "approved"
    RETURNED = "returned"


@dataclass
class Person:
    name: str = ""
    cert_type: CertType = CertType.RESIDENT_ID
    cert_number: str = ""
    cert_valid_from: str = ""  # ISO date
    cert_valid_to: str = ""  # ISO date, empty when long-term
    cert_long_term: bool = False  # 长期
    mobile: str = ""
    emergency_phone: str = ""  # 应急联系电话
    office_phone: str = ""  # 办公电话（固话）
    email: str = ""


@dataclass
class Subject:
    nature: SubjectNature = SubjectNature.ENTERPRISE
    cert_type: CertType = CertType.USCC
    cert_number: str = ""
    name: str = ""
    province: str = ""  # 6-digit province code, e.g. "310000"
    city: str = ""
    district: str = ""
    cert_address: str = ""  # 证件住所
    mailing_address: str = ""  # 通讯地址
    investor: str = ""  # 投资人或主管单位
    icp_number: str = ""  # 主体备案号, e.g. 京ICP备12345678号


@dataclass
class Website:
    name: str = ""
    domains: list[str] = field(default_factory=list)
    homepage: str = ""
    service_content: str = ""  # 网站服务内容
    languages: list[str] = field(default_factory=lambda: ["zh_CN"])
    icp_number: str = ""  # 网站备案号, e.g. 京ICP备12345678号-1
    service_numbers: list[str] = field(default_factory=list)  # 备案服务号 (one per site; usually one)
    owner_is_principal: bool = False
    owner: Person = field(default_factory=Person)


@dataclass
class Contact:
    """Access information (接入信息): the reachable contact for review calls and notifications."""

    email: str = ""
    phone: str = ""


@dataclass
class FilingAnswers:
    """Answers to the filing-type questions. ``None`` = not answered yet."""

    domain_has_icp: bool | None = None  # has the domain already been filed with another provider?
    subject_filed_with_aliyun: bool | None = None  # has this subject a successful filing at Alibaba Cloud?
    other_order_in_progress: bool | None = None  # is another order of this subject in progress?
    same_aliyun_account: bool | None = None  # for 继续接入: signed in with the account of the earlier filing?
    was_wanwang_agent_user: bool | None = None  # 原万网代备案平台用户 (must import records first)


@dataclass
class FileRef:
    """A stored file (document side or photo): content hash in the store plus what the checker said."""

    slot: str = ""  # e.g. "owner.resident_id.front" or "photo"
    sha256: str = ""
    filename: str = ""
    fixed_sha256: str = ""  # normalised version stored beside the original
    verdict: str = ""  # pass / warn / fail / "" (not checked)


@dataclass
class PhotoVerification:
    mailing_recipient: str = ""  # 幕布收件人
    mailing_phone: str = ""
    mailing_province: str = ""  # province code; must be mainland China
    mailing_address: str = ""
    photo: FileRef = field(default_factory=FileRef)
    #: outside Shanghai: "have" (the applicant already has an Alibaba Cloud backdrop), "request" (have one mailed to
    #: the address above) or "" (not chosen yet)
    backdrop: str = ""
    #: Shanghai: when the website owner's check in the Shanghai Communications Administration app was recorded as done
    #: (ISO date-time, UTC+8); "" while it is not done
    shanghai_app_done_at: str = ""


@dataclass
class ProgressEvent:
    status: ProgressStatus = ProgressStatus.DRAFT
    at: str = ""  # ISO datetime
    note: str = ""


@dataclass
class Progress:
    step: str = "start"  # current wizard page id
    status: ProgressStatus = ProgressStatus.DRAFT
    submitted_at: str = ""  # ISO datetime when submitted to Alibaba Cloud
    bureau_submitted_at: str = ""  # ISO datetime when Alibaba Cloud passed it to the bureau (SMS clock starts)
    events: list[ProgressEvent] = field(default_factory=list)
    sms_verified_at: str = ""  # ISO datetime when the user completed the MIIT SMS verification (stops the SMS clock)
    domain_realname_at: str = ""  # ISO date when the domain's real-name verification passed (starts the sync wait)


@dataclass
class OriginalRecord:
    """The existing filing as shown in MIIT's public record, entered by the user for comparison.

    Keys are field paths of :class:`Application` (``subject.name``, ``websites.0.domains`` ...); every non-empty value must
    equal the application's, because an access filing cannot change data.
    """

    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Application:
    flow: Flow | None = None
    answers: FilingAnswers = field(default_factory=FilingAnswers)
    subject: Subject = field(default_factory=Subject)
    principal: Person = field(default_factory=Person)
    websites: list[Website] = field(default_factory=lambda: [Website()])
    contact: Contact = field(default_factory=Contact)
    documents: list[FileRef] = field(default_factory=list)
    photo_verification: PhotoVerification = field(default_factory=PhotoVerification)
    original: OriginalRecord = field(default_factory=OriginalRecord)
    progress: Progress = field(default_factory=Progress)
    notes: str = ""

    # ---- conversions -------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = _to_plain(self)
        data["schema_version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Application":
        data = {k: v for k, v in data.items() if k != "schema_version"}
        return _from_plain(cls, data)

    def to_flat(self) -> dict[str, Any]:
        flat: dict[str, Any] = {}
        _flatten(self.to_dict(), "", flat)
        flat.pop("schema_version", None)
        return flat

    @classmethod
    def from_flat(cls, flat: dict[str, Any]) -> "Application":
        return cls.from_dict(unflatten(flat))

    # ---- convenience -------------------------------------------------------------------------------------------
    @property
    def website(self) -> Website:
        if not self.websites:
            self.websites.append(Website())
        return self.websites[0]

    def file_refs(self) -> list[FileRef]:
        """Every stored file the application refers to: the documents, then the backdrop photo (slot ``photo``)."""
        refs = [r for r in self.documents if r.sha256]
        photo = self.photo_verification.photo
        if photo.sha256:
            refs.append(dataclasses.replace(photo, slot=photo.slot or "photo"))
        return refs

    def title(self) -> str:
        """A short human title for lists: subject name and first domain."""
        parts = [self.subject.name.strip()]
        domains = [d for w in self.websites for d in w.domains if d.strip()]
        if domains:
            parts.append(domains[0].strip())
        return " · ".join(p for p in parts if p)

    def get(self, path: str) -> Any:
        return get_path(self, path)

    def set(self, path: str, value: Any) -> None:
        set_path(self, path, value)


# ---- generic helpers ------------------------------------------------------------------------------------------------

def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_plain(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _coerce(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        non_none = [a for a in args if a is not type(None)]
        return _coerce(non_none[0], value) if len(non_none) == 1 else value
    if origin is list:
        if not isinstance(value, list):
            value = [] if value in (None, "") else [value]
        return [_coerce(args[0], v) for v in value] if args else list(value)
    if origin is dict:
        return dict(value or {})
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _from_plain(tp, value or {})
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        try:
            return tp(value)
        except ValueError:
            return next(iter(tp))
    if tp is bool:
        return bool(value) if not isinstance(value, str) else value.lower() in ("1", "true", "yes")
    if tp is str:
        return "" if value is None else str(value)
    return value


def _from_plain(cls: type, data: dict[str, Any]) -> Any:
    if not isinstance(data, dict):
        data = {}
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict) and not prefix.endswith("original.fields"):
        for k, v in value.items():
            _flatten(v, f"{prefix}.{k}" if prefix else k, out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, v in enumerate(value):
            _flatten(v, f"{prefix}.{i}", out)
        out[f"{prefix}.#"] = len(value)
    else:
        out[prefix] = value


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    counts = {k[:-2]: v for k, v in flat.items() if k.endswith(".#")}
    for path, value in flat.items():
        if path.endswith(".#"):
            continue
        parts = path.split(".")
        node = root
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}  # a stale scalar/list at a parent path must not hide its children
            node = node[part]
        if isinstance(node.get(parts[-1]), dict):
            continue  # children win over a stale value for the same path
        node[parts[-1]] = value

    def listify(node: Any, path: str) -> Any:
        if isinstance(node, dict):
            converted = {k: listify(v, f"{path}.{k}" if path else k) for k, v in node.items()}
            if converted and all(k.isdigit() for k in converted) and not path.endswith("original.fields"):
                n = int(counts.get(path, max(int(k) for k in converted) + 1))  # the stored count wins
                return [converted.get(str(i), {}) for i in range(n)]
            return converted
        return node

    return listify(root, "")


def get_path(obj: Any, path: str) -> Any:
    node = obj
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            node = getattr(node, part)
    return node


def set_path(obj: Any, path: str, value: Any) -> None:
    parts = path.split(".")
    node = obj
    for part in parts[:-1]:
        if isinstance(node, list):
            index = int(part)
            while len(node) <= index:
                node.append(Website() if node is getattr(obj, "websites", None) else FileRef())
            node = node[index]
        elif isinstance(node, dict):
            node = node.setdefault(part, {})
        else:
            node = getattr(node, part)
    last = parts[-1]
    if isinstance(node, dict):
        node[last] = value
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        hints = _hints(type(node))
        setattr(node, last, _coerce(hints[last], value) if last in hints else value)
