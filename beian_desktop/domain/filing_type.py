"""Which filing the user needs: 新增接入 (new access), 继续接入 (continue access), not an access filing, or blocked.

The decision follows the seed document (see ``/work/shared/domain.md``):

1. The domain must already be filed with another provider; otherwise this is a first filing (首次备案) or a new-site
   filing (新增网站), not an access filing.
2. Former Wanwang agent-platform users (原万网代备案平台用户) must first import their records into their Alibaba Cloud
   account.
3. A subject without a successful filing at Alibaba Cloud uses 新增接入备案.
4. A subject that has one uses 继续接入备案, which needs the same Alibaba Cloud account as the earlier filing and no
   other order of the subject in progress.

Unanswered questions that the decision depends on give :attr:`Outcome.UNDECIDED` with the list of missing questions,
in the order they should be asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from beian_desktop.domain.model import FilingAnswers, Flow
from beian_desktop.i18n import Msg

__all__ = ["FilingDecision", "Outcome", "QUESTIONS", "decide_filing_type"]


class Outcome(StrEnum):
    NEW_ACCESS = "new_access"  # 新增接入备案
    CONTINUE_ACCESS = "continue_access"  # 继续接入备案
    NOT_ACCESS = "not_access"  # not an access filing (first filing / new site)
    BLOCKED = "blocked"  # an access filing, but something must be done first
    UNDECIDED = "undecided"  # questions unanswered


#: The questions (field names of FilingAnswers) with their text, in the order they are asked.
QUESTIONS: dict[str, Msg] = {
    "domain_has_icp": Msg("该域名是否已在其他服务商处完成 ICP 备案？", "Has the domain already been filed (ICP) with another provider?"),
    "was_wanwang_agent_user": Msg("您是否为原万网 ICP 代备案管理平台用户？", "Were you a user of the former Wanwang ICP agent-filing platform?"),
    "subject_filed_with_aliyun": Msg("该备案主体是否已在阿里云备案系统有成功的备案？", "Does the subject already have a successful filing in Alibaba Cloud's system?"),
    "same_aliyun_account": Msg("您是否使用之前备案时的阿里云账号登录？", "Are you signed in with the Alibaba Cloud account used for that filing?"),
    "other_order_in_progress": Msg("该主体下是否有其他进行中的备案订单？", "Is another filing order of this subject in progress?"),
}


@dataclass(frozen=True, slots=True)
class FilingDecision:
    outcome: Outcome
    reason: Msg
    flow: Flow | None = None  # the access flow that applies (also when BLOCKED, once the blocker is removed)
    missing: tuple[str, ...] = ()  # FilingAnswers fields still needed, in asking order

    @property
    def can_proceed(self) -> bool:
        """True when the user can start the access filing now (new or continue access)."""
        return self.outcome in (Outcome.NEW_ACCESS, Outcome.CONTINUE_ACCESS)


def _undecided(*missing: str, flow: Flow | None = None) -> FilingDecision:
    first = QUESTIONS[missing[0]]
    return FilingDecision(
        Outcome.UNDECIDED,
        Msg(f"还需回答：{first.zh}", f"Still to answer: {first.en}"),
        flow,
        tuple(missing),
    )


def decide_filing_type(answers: FilingAnswers) -> FilingDecision:
    """Decide the filing type from the user's answers (pure function; see the module docstring)."""
    if answers.domain_has_icp is None:
        missing = [name for name in QUESTIONS if getattr(answers, name) is None]
        return _undecided(*missing)
    if answers.domain_has_icp is False:
        return FilingDecision(
            Outcome.NOT_ACCESS,
            Msg("该域名尚未备案，不能办理接入备案：请办理首次备案或新增网站",
                "The domain has never been filed, so this is not an access filing: use a first filing (首次备案) or a new-site filing (新增网站)"),
        )
    # Ask the remaining questions in order; the flow is known as soon as subject_filed_with_aliyun is answered.
    flow: Flow | None = None
    if answers.subject_filed_with_aliyun is not None:
        flow = Flow.CONTINUE_ACCESS if answers.subject_filed_with_aliyun else Flow.NEW_ACCESS
    if answers.was_wanwang_agent_user is None:
        return _undecided(*_remaining(answers, "was_wanwang_agent_user"), flow=flow)
    if answers.was_wanwang_agent_user:
        return FilingDecision(
            Outcome.BLOCKED,
            Msg("原万网代备案平台用户需先将原备案信息导入阿里云账号（阿里云备案平台合并），再办理接入备案",
                "Former Wanwang agent-platform users must first import their filing records into their Alibaba Cloud account, then file the access"),
            flow,
        )
    if answers.subject_filed_with_aliyun is None:
        return _undecided(*_remaining(answers, "subject_filed_with_aliyun"))
    if not answers.subject_filed_with_aliyun:
        return FilingDecision(
            Outcome.NEW_ACCESS,
            Msg("新增接入备案：该主体从未通过阿里云备案系统备案", "New access filing (新增接入备案): the subject has never filed through Alibaba Cloud"),
            Flow.NEW_ACCESS,
        )
    if answers.same_aliyun_account is None:
        return _undecided(*_remaining(answers, "same_aliyun_account"), flow=flow)
    if not answers.same_aliyun_account:
        return FilingDecision(
            Outcome.BLOCKED,
            Msg("继续接入备案须使用之前备案成功时的阿里云账号登录备案系统",
                "A continue access filing must be made from the Alibaba Cloud account of the earlier successful filing"),
            Flow.CONTINUE_ACCESS,
        )
    if answers.other_order_in_progress is None:
        return _undecided("other_order_in_progress", flow=flow)
    if answers.other_order_in_progress:
        return FilingDecision(
            Outcome.BLOCKED,
            Msg("该主体下有其他进行中的备案订单：请放弃该订单，或等待其通过管局审核后再办理",
                "Another order of this subject is in progress: abandon it or wait until the bureau has approved it"),
            Flow.CONTINUE_ACCESS,
        )
    return FilingDecision(
        Outcome.CONTINUE_ACCESS,
        Msg("继续接入备案：该主体已在阿里云有成功的备案，主体信息须保持一致",
            "Continue access filing (继续接入备案): the subject already has a successful filing at Alibaba Cloud; its data must stay identical"),
        Flow.CONTINUE_ACCESS,
    )


def _remaining(answers: FilingAnswers, first: str) -> list[str]:
    """``first`` and the later questions that are still unanswered and still relevant."""
    names = list(QUESTIONS)
    out = [first]
    for name in names[names.index(first) + 1:]:
        if getattr(answers, name) is not None:
            continue
        if name in ("same_aliyun_account", "other_order_in_progress") and answers.subject_filed_with_aliyun is False:
            continue  # only asked for 继续接入
        out.append(name)
    return out
