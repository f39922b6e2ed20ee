"""The filing-type decision table."""

from __future__ import annotations

import pytest

from beian_desktop.domain.filing_type import Outcome, decide_filing_type
from beian_desktop.domain.model import FilingAnswers, Flow

T, F, N = True, False, None


# domain_has_icp, wanwang, subject_filed, same_account, other_order -> outcome, flow
@pytest.mark.parametrize(
    "domain, wanwang, filed, same, other, outcome, flow",
    [
        (F, N, N, N, N, Outcome.NOT_ACCESS, None),
        (F, T, T, T, T, Outcome.NOT_ACCESS, None),
        (T, T, F, N, N, Outcome.BLOCKED, Flow.NEW_ACCESS),
        (T, T, N, N, N, Outcome.BLOCKED, None),
        (T, F, F, N, N, Outcome.NEW_ACCESS, Flow.NEW_ACCESS),
        (T, F, F, F, T, Outcome.NEW_ACCESS, Flow.NEW_ACCESS),  # account/order questions only matter for 继续接入
        (T, F, T, T, F, Outcome.CONTINUE_ACCESS, Flow.CONTINUE_ACCESS),
        (T, F, T, F, F, Outcome.BLOCKED, Flow.CONTINUE_ACCESS),
        (T, F, T, T, T, Outcome.BLOCKED, Flow.CONTINUE_ACCESS),
        (T, F, T, F, T, Outcome.BLOCKED, Flow.CONTINUE_ACCESS),
    ],
)
def test_decision_table(domain, wanwang, filed, same, other, outcome, flow):
    answers = FilingAnswers(
        domain_has_icp=domain,
        subject_filed_with_aliyun=filed,
        other_order_in_progress=other,
        same_aliyun_account=same,
        was_wanwang_agent_user=wanwang,
    )
    decision = decide_filing_type(answers)
    assert decision.outcome is outcome
    assert decision.flow == flow
    assert decision.reason.zh and decision.reason.en
    assert decision.can_proceed is (outcome in (Outcome.NEW_ACCESS, Outcome.CONTINUE_ACCESS))


def test_blocked_reasons_say_what_to_do():
    other = decide_filing_type(FilingAnswers(True, True, True, True, False))
    assert "abandon" in other.reason.en and "放弃" in other.reason.zh
    account = decide_filing_type(FilingAnswers(True, True, False, False, False))
    assert "account" in account.reason.en
    wanwang = decide_filing_type(FilingAnswers(True, None, None, None, True))
    assert "import" in wanwang.reason.en


@pytest.mark.parametrize(
    "answers, missing",
    [
        (FilingAnswers(), ("domain_has_icp", "subject_filed_with_aliyun", "other_order_in_progress", "same_aliyun_account", "was_wanwang_agent_user")),
        (FilingAnswers(domain_has_icp=True), ("was_wanwang_agent_user", "subject_filed_with_aliyun", "same_aliyun_account", "other_order_in_progress")),
        (FilingAnswers(domain_has_icp=True, was_wanwang_agent_user=False), ("subject_filed_with_aliyun", "same_aliyun_account", "other_order_in_progress")),
        (FilingAnswers(domain_has_icp=True, was_wanwang_agent_user=False, subject_filed_with_aliyun=True), ("same_aliyun_account", "other_order_in_progress")),
        (FilingAnswers(True, True, None, True, False), ("other_order_in_progress",)),
    ],
)
def test_undecided_lists_missing_questions_in_order(answers, missing):
    decision = decide_filing_type(answers)
    assert decision.outcome is Outcome.UNDECIDED
    assert set(decision.missing) == set(missing)
    assert decision.missing[0] == missing[0]
    assert not decision.can_proceed


def test_undecided_continue_access_already_knows_the_flow():
    decision = decide_filing_type(FilingAnswers(True, True, None, None, False))
    assert decision.outcome is Outcome.UNDECIDED and decision.flow is Flow.CONTINUE_ACCESS
