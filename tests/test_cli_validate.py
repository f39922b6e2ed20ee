"""`beian-desktop validate KIND VALUE...` for every KIND, with --json, in both languages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from beian_desktop import cli

RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def ric(body17: str) -> str:
    """GB 11643 number with its check character, computed here from the published algorithm."""
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, RIC_WEIGHTS)) % 11]


def wrong_last(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


CASES = {
    "resident-id": ([ric("11010519491231002"), ric("81000019900101001"), ric("83000019900101003"), ric("93184019850615001")],
                    [wrong_last(ric("11010519491231002")), "12345"]),
    "uscc": (["91110000600037341L"], ["91110000600037341M", "91110000600037341"]),
    "icp-number": (["京ICP备12345678号-1", "川ICP备12345678号"], ["港ICP备12345678号", "京ICP备123号"]),
    "mobile": (["13800138000", "+86 17012345678"], ["12345", "010-62345678"]),
    "landline": (["010-62345678"], ["13800138000"]),
    "email": (["a@example.com"], ["a@@example.com"]),
    "domain": (["example.com", "例子.中国", "www.example.com"], ["http://example.com", "example.io", "example.com:80"]),
    "passport": (["E12345678"], ["E1"]),
    "hk-macao-permit": (["H12345678"], ["A12345678"]),
    "taiwan-permit": (["12345678"], ["1234"]),
}


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("kind", sorted(CASES))
def test_valid_values_exit_0(capsys, kind):
    valid, _ = CASES[kind]
    code, records = run(capsys, "validate", "--json", kind, *valid)
    assert code == 0
    assert [r["value"] for r in records] == valid
    for record in records:
        assert set(record) == {"kind", "value", "valid", "message"}
        assert record["kind"] == kind and record["valid"] is True and record["message"]


@pytest.mark.parametrize("kind", sorted(CASES))
def test_invalid_values_exit_1(capsys, kind):
    _, invalid = CASES[kind]
    code, records = run(capsys, "validate", "--json", kind, *invalid)
    assert code == 1
    assert [r["valid"] for r in records] == [False] * len(invalid)
    assert all(r["message"] for r in records)


def test_mixed_values_exit_1_and_keep_order(capsys):
    code, records = run(capsys, "validate", "--json", "uscc", "91110000600037341L", "91110000600037341M")
    assert code == 1
    assert [r["valid"] for r in records] == [True, False]


def test_language_of_messages(capsys):
    _, zh = run(capsys, "validate", "--json", "domain", "example.io")
    _, en = run(capsys, "--lang", "en", "validate", "--json", "domain", "example.io")
    _, en2 = run(capsys, "validate", "--lang", "en", "--json", "domain", "example.io")
    assert "不能" in zh[0]["message"]
    assert "cannot be filed" in en[0]["message"] and en2 == en


def test_warnings_are_part_of_the_message(capsys):
    _, records = run(capsys, "--lang", "en", "validate", "--json", "domain", "www.example.com")
    assert records[0]["valid"] and "example.com" in records[0]["message"] and "www." in records[0]["message"]


def test_readable_output_without_json(capsys):
    code = cli.main(["--lang", "en", "validate", "mobile", "13800138000", "123"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines[0].startswith("13800138000\tvalid\t")
    assert lines[1].startswith("123\tINVALID\t")


def test_unknown_kind_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["validate", "iban", "x"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_subprocess_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "beian_desktop", "validate", "--json", "resident-id", ric("11010519491231002")],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["valid"] is True
