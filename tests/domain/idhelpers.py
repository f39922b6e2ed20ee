"""Independent check-digit algorithms for the tests, written from domain.md (not via the code under test)."""

from __future__ import annotations

RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def ric_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, RIC_WEIGHTS)) % 11]


def ric(body17: str) -> str:
    return body17 + ric_check(body17)


def uscc_check(body17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_check(body8: str) -> str:
    value = 11 - sum(int(c, 36) * w for c, w in zip(body8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc(prefix8: str, org_body8: str) -> str:
    """A USCC with a valid embedded organisation code and a valid check character."""
    body = prefix8 + org_body8 + org_check(org_body8)
    return body + uscc_check(body)
