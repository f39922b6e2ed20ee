"""`beian-desktop validate KIND VALUE...`: check identifiers, phone numbers, e-mail addresses and domains headless.

With ``--json`` one object per value and line: ``{"kind", "value", "valid", "message"}`` (message in the ``--lang``
language, default Chinese). Exit status 0 when every value is valid, 1 when any is invalid, 2 for usage errors.
Values are printed to stdout only (the user typed them); nothing is logged.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from beian_desktop.domain.checks import FieldCheck
from beian_desktop.domain.contacts import validate_email, validate_landline, validate_mobile
from beian_desktop.domain.domains import validate_domain
from beian_desktop.domain.identifiers import (
    validate_hk_macao_permit,
    validate_icp_number,
    validate_passport,
    validate_resident_id,
    validate_taiwan_permit,
    validate_uscc,
)
from beian_desktop.i18n import Msg, current_language

#: KIND -> validator. ``resident-id`` accepts every 18-character GB 11643 number (mainland IDs, HK/Macao/Taiwan
#: residence permits, foreigner permanent-residence IDs).
VALIDATORS: dict[str, Callable[[str], FieldCheck]] = {
    "resident-id": validate_resident_id,
    "uscc": validate_uscc,
    "icp-number": validate_icp_number,
    "mobile": validate_mobile,
    "landline": validate_landline,
    "email": validate_email,
    "domain": validate_domain,
    "passport": validate_passport,
    "hk-macao-permit": validate_hk_macao_permit,
    "taiwan-permit": validate_taiwan_permit,
}


def register(sub) -> None:
    parser = sub.add_parser(
        "validate",
        help="check identifiers and contact data (校验证件号码、备案号、手机号、邮箱、域名)",
        description="Check each VALUE as KIND. Exit status: 0 all valid, 1 some invalid, 2 usage error.",
    )
    parser.add_argument("kind", metavar="KIND", choices=sorted(VALIDATORS), help="one of: " + ", ".join(sorted(VALIDATORS)))
    parser.add_argument("values", metavar="VALUE", nargs="+", help="value(s) to check")
    parser.add_argument("--json", action="store_true", help="print one JSON object per value and line")
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="language of messages (default: zh_CN)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    validator = VALIDATORS[args.kind]
    lang = current_language()
    all_valid = True
    for value in args.values:
        result = validator(value)
        all_valid &= result.valid
        message = result.summary().text(lang)
        if args.json:
            record = {"kind": args.kind, "value": value, "valid": result.valid, "message": message}
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            status = (Msg("有效", "valid") if result.valid else Msg("无效", "INVALID")).text(lang)
            print(f"{value}\t{status}\t{message}", flush=True)
    return 0 if all_valid else 1
