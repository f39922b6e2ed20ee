"""A realistic (fictional) sample draft, used by ``beian-desktop screenshots``, ``drafts create-sample`` and the tests.

Two variants: ``"hangzhou"`` — an enterprise in Zhejiang doing a 新增接入 (backdrop photo), and ``"shanghai"`` — an
enterprise in Shanghai doing a 继续接入 (verification with the Shanghai bureau's app). Identifiers carry valid check
digits; names, numbers and domains are invented.
"""

from __future__ import annotations

from beian_desktop.domain.model import (
    Application,
    CertType,
    Contact,
    FilingAnswers,
    Flow,
    Person,
    PhotoVerification,
    Subject,
    SubjectNature,
    Website,
)

VARIANTS = ("hangzhou", "shanghai")


def sample_application(variant: str = "hangzhou") -> Application:
    if variant == "shanghai":
        return _shanghai()
    if variant != "hangzhou":
        raise ValueError(f"unknown sample variant {variant!r}; choose one of {VARIANTS}")
    return _hangzhou()


def _hangzhou() -> Application:
    principal = Person(
        name="陈明远", cert_type=CertType.RESIDENT_ID, cert_number="330106198503121231",
        cert_valid_from="2016-04-01", cert_valid_to="2036-04-01", mobile="13957112345",
        emergency_phone="13957154321", office_phone="0571-88881234", email="chen.mingyuan@yunqi-demo.com",
    )
    owner = Person(
        name="林晓雯", cert_type=CertType.RESIDENT_ID, cert_number="330102198809204560",
        cert_valid_from="2019-09-01", cert_valid_to="2039-09-01", mobile="13958012345",
        emergency_phone="13958054321", office_phone="0571-88885678", email="lin.xiaowen@yunqi-demo.com",
    )
    return Application(
        flow=Flow.NEW_ACCESS,
        answers=FilingAnswers(domain_has_icp=True, subject_filed_with_aliyun=False, other_order_in_progress=False,
                              same_aliyun_account=None, was_wanwang_agent_user=False),
        subject=Subject(
            nature=SubjectNature.ENTERPRISE, cert_type=CertType.USCC, cert_number="91330106MA2H8Q3K3L",
            name="杭州云栖示例科技有限公司", province="330000", city="杭州市", district="西湖区",
            cert_address="浙江省杭州市西湖区文三路 100 号 5 幢 301 室", mailing_address="浙江省杭州市西湖区文三路 100 号 5 幢 301 室",
            investor="陈明远", icp_number="浙ICP备20123456号",
        ),
        principal=principal,
        websites=[Website(
            name="云栖示例科技官网", domains=["yunqi-demo.com"], homepage="www.yunqi-demo.com",
            service_content="企业官网", icp_number="浙ICP备20123456号-1", service_numbers=["A1B2C3D4E5F6G7H8"],
            owner_is_principal=False, owner=owner,
        )],
        contact=Contact(email="beian@yunqi-demo.com", phone="13958012345"),
        photo_verification=PhotoVerification(
            mailing_recipient="林晓雯", mailing_phone="13958012345", mailing_province="330000",
            mailing_address="浙江省杭州市西湖区文三路 100 号 5 幢 301 室",
        ),
    )


def _shanghai() -> Application:
    principal = Person(
        name="王思涵", cert_type=CertType.RESIDENT_ID, cert_number="310104199007152344",
        cert_valid_from="2018-07-01", cert_valid_to="2038-07-01", mobile="13916612345",
        emergency_phone="13916654321", office_phone="021-61234567", email="wang.sihan@pujiang-demo.cn",
    )
    return Application(
        flow=Flow.CONTINUE_ACCESS,
        answers=FilingAnswers(domain_has_icp=True, subject_filed_with_aliyun=True, other_order_in_progress=False,
                              same_aliyun_account=True, was_wanwang_agent_user=False),
        subject=Subject(
            nature=SubjectNature.ENTERPRISE, cert_type=CertType.USCC, cert_number="91310104MA1FL5R29M",
            name="上海浦江示例网络有限公司", province="310000", city="上海市", district="徐汇区",
            cert_address="上海市徐汇区漕溪北路 200 号 8 楼", mailing_address="上海市徐汇区漕溪北路 200 号 8 楼",
            investor="王思涵", icp_number="沪ICP备19054321号",
        ),
        principal=principal,
        websites=[Website(
            name="浦江示例网络", domains=["pujiang-demo.cn"], homepage="www.pujiang-demo.cn",
            service_content="企业官网", icp_number="沪ICP备19054321号-2", service_numbers=["H8G7F6E5D4C3B2A1"],
            owner_is_principal=True, owner=Person(**{**principal.__dict__}),
        )],
        contact=Contact(email="beian@pujiang-demo.cn", phone="13916612345"),
    )
