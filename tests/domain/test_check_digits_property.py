"""Property-based tests of the check-character algorithms (GB 11643 and GB 32100) against independent implementations."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from beian_desktop.domain.identifiers import gb11643_check_char, uscc_check_char, validate_resident_id, validate_uscc
from beian_desktop.domain.rules import provinces
from idhelpers import USCC_ALPHABET, org_check, ric_check, uscc_check

TODAY = date(2025, 6, 1)
PREFIXES = sorted(p.code[:2] for p in provinces())


def _digits(n: int):
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


@st.composite
def gb11643_bodies(draw) -> str:
    """17-digit bodies with a valid region and birth date: mainland, permit or foreigner PR ID."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY)).strftime("%Y%m%d")
    kind = draw(st.sampled_from(["mainland", "permit", "foreigner"]))
    if kind == "mainland":
        return draw(st.sampled_from(PREFIXES)) + draw(_digits(4)) + born + draw(_digits(3))
    if kind == "permit":
        return draw(st.sampled_from(["810000", "820000", "830000"])) + born + draw(_digits(3))
    return "9" + draw(st.sampled_from(PREFIXES)) + draw(_digits(3)) + born + draw(_digits(3))


@settings(max_examples=300, deadline=None)
@given(_digits(17))
def test_gb11643_check_char_matches_the_published_algorithm(body):
    assert gb11643_check_char(body) == ric_check(body)


@settings(max_examples=200, deadline=None)
@given(gb11643_bodies(), st.sampled_from("0123456789X"))
def test_resident_id_accepts_only_the_computed_check_char(body, last):
    result = validate_resident_id(body + last, TODAY)
    assert result.valid is (last == ric_check(body)), result.message


@st.composite
def uscc_bodies(draw) -> str:
    """17-character USCC bodies with a valid authority, type, region and embedded organisation code."""
    authority = draw(st.sampled_from("123456789ANY"))
    entity = draw(st.sampled_from("123456789"))
    region = draw(st.sampled_from(PREFIXES)) + draw(_digits(4))
    org = draw(st.text(alphabet=USCC_ALPHABET, min_size=8, max_size=8))
    return authority + entity + region + org + org_check(org)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_uscc_check_char_matches_the_published_algorithm(body):
    assert uscc_check_char(body) == uscc_check(body)


@settings(max_examples=200, deadline=None)
@given(uscc_bodies(), st.sampled_from(USCC_ALPHABET))
def test_uscc_accepts_only_the_computed_check_char(body, last):
    result = validate_uscc(body + last)
    assert result.valid is (last == uscc_check(body)), result.message
