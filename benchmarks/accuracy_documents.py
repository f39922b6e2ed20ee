"""Accuracy of the document checks, as tables: per check, verdict, clean documents rejected, content mismatches.

    python benchmarks/accuracy_documents.py [--quick]

Sets (generated; see ``tests/imaging/doc_fixtures.py``):

* ``fixtures``: the test suite's labeled set (``build_cases(seed=31)``: pseudo-glyph cards and pages on five desks,
  degraded), checked without reading (its glyphs are not text);
* ``text fixtures``: the test suite's documents printed in a CJK font (``build_text_cases(seed=11)``), read (OCR);
* ``held-out``: the same generator (written from the filing rules, not from the checker) with a seed no test and no
  threshold ever used: ID card sides, licences and authenticity forms on wooden, dark, white, light-grey and fabric
  desks, with motion blur, upside-down documents without face or seal, other people's documents, expired ID cards,
  cut-off corners and PDF scans, each checked with the form's values (``--expect``).

Screen re-shots (``tests/imaging/screen_fixtures.py``: documents shown on a monitor and photographed, and paper
look-alikes: a linen desk, halftone-tinted paper, plain paper) are scored with the text sets: the tests' seed with
the text fixtures, a held-out seed with the held-out set (rows "screen re-shots warned" and "paper photos taken for
screens").

``--quick`` checks the held-out set only. ``main`` is also called by ``benchmarks/accuracy.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT / "tests" / "imaging", ROOT):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

HELD_OUT_SEED = 90210  # never used by a test or while choosing a threshold
TEXT_TEST_SEED = 11  # tests/imaging/test_documents_content.py
FIXTURE_SEED = 31  # tests/imaging/test_documents_accuracy.py
TODAY = date(2026, 11, 30)  # the generator's "today" (validity periods are drawn around it)
CHECKS = ("orientation", "completeness", "blur", "glare", "photocopy", "resolution", "content")


@dataclass
class Results:
    name: str
    right: dict = field(default_factory=lambda: defaultdict(int))
    total: dict = field(default_factory=lambda: defaultdict(int))
    bad_right: dict = field(default_factory=lambda: defaultdict(int))
    bad_total: dict = field(default_factory=lambda: defaultdict(int))
    verdict_right: int = 0
    cases: int = 0
    clean: int = 0
    clean_rejected: list = field(default_factory=list)
    mismatches: int = 0
    mismatches_caught: int = 0
    matching: int = 0
    false_mismatches: list = field(default_factory=list)
    mistakes: list = field(default_factory=list)
    times_ms: list = field(default_factory=list)
    screens: int = 0  # screen re-shots (screen_fixtures)
    screens_warned: int = 0
    papers: int = 0  # paper photos of the screen set (linen desk, halftone paper, plain)
    papers_warned: list = field(default_factory=list)

    def accuracy(self, check_id: str) -> float:
        return self.right[check_id] / self.total[check_id] if self.total[check_id] else float("nan")

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_right / self.cases if self.cases else float("nan")


def _correct(expect: str, status: str) -> bool | None:
    if expect == "ok":
        return status == "pass"
    if expect == "bad":
        return status != "pass"
    if expect == "notfail":
        return status != "fail"
    return None


def evaluate(name: str, cases, *, read_text: bool = True) -> Results:
    """Check every case (with its form values when it has them) and score the checks against the labels."""
    from beian_desktop.imaging.documents import check_document

    res = Results(name)
    for case in cases:
        fields = getattr(case, "fields", None)
        report = check_document(case.data, case.type_id, path=case.name, side=getattr(case, "side", None),
                                expect=fields if read_text else None, read_text=read_text, today=TODAY)
        res.times_ms.append(report.elapsed_ms)
        res.cases += 1
        failed = [c.id for c in report.checks if c.status == "fail" and c.id != "size"]  # size: the encoder's choice
        for check_id, expect in case.expect.items():
            check = report.check(check_id)
            ok = _correct(expect, check.status) if check is not None else False
            if ok is None:
                continue
            res.total[check_id] += 1
            res.right[check_id] += ok
            if expect == "bad":
                res.bad_total[check_id] += 1
                res.bad_right[check_id] += ok
            if not ok:
                res.mistakes.append(f"{case.name}: {check_id} expected {expect}, got {check.status if check else 'none'}")
        degraded = not case.valid
        verdict_ok = (report.verdict != "pass") if degraded else not failed
        res.verdict_right += verdict_ok
        if not degraded:
            res.clean += 1
            if failed:
                res.clean_rejected.append(f"{case.name}: {', '.join(failed)}")
        content = report.check("content")
        if read_text and fields and content is not None:
            results = content.values.get("fields", {})
            if getattr(case, "mismatch", False):
                res.mismatches += 1
                res.mismatches_caught += any(r["status"] == "fail" for r in results.values())
            else:
                res.matching += 1
                wrong = [f for f, r in results.items() if r["status"] == "fail"]
                if wrong:
                    res.false_mismatches.append(f"{case.name}: {', '.join(wrong)}")
    return res


def evaluate_screens(res: Results, cases) -> Results:
    """Add the screen set: re-shots must carry the screen warning (under ``photocopy``), paper photos must not."""
    from beian_desktop.imaging.documents import check_document

    for case in cases:
        report = check_document(case.data, case.type_id, path=case.name, side=case.side, read_text=False, today=TODAY)
        warned = bool(report.check("photocopy").values.get("screen"))
        if case.screen:
            res.screens += 1
            res.screens_warned += warned
            if not warned:
                res.mistakes.append(f"{case.name}: screen re-shot not warned")
        else:
            res.papers += 1
            if warned:
                res.papers_warned.append(case.name)
                res.mistakes.append(f"{case.name}: paper taken for a screen")
    return res


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.1%})" if b else "-"


def format_tables(results: list[Results]) -> str:
    lines = []
    head = "| Check | " + " | ".join(r.name for r in results) + " |"
    lines += [head, "|---|" + "---|" * len(results)]
    for check_id in CHECKS:
        row = []
        for r in results:
            if not r.total[check_id]:
                row.append("-")
                continue
            det = f", caught {r.bad_right[check_id]}/{r.bad_total[check_id]}" if r.bad_total[check_id] else ""
            row.append(f"{r.accuracy(check_id):.3f} ({r.right[check_id]}/{r.total[check_id]}{det})")
        lines.append(f"| {check_id} | " + " | ".join(row) + " |")
    lines.append("| **verdict** | " + " | ".join(f"{r.verdict_accuracy:.3f} ({r.verdict_right}/{r.cases})" for r in results) + " |")
    lines.append("| clean documents rejected | " + " | ".join(_pct(len(r.clean_rejected), r.clean) for r in results) + " |")
    lines.append("| content mismatches caught | " + " | ".join(_pct(r.mismatches_caught, r.mismatches) for r in results) + " |")
    lines.append("| false mismatches | " + " | ".join(_pct(len(r.false_mismatches), r.matching) for r in results) + " |")
    lines.append("| screen re-shots warned | " + " | ".join(_pct(r.screens_warned, r.screens) for r in results) + " |")
    lines.append("| paper photos taken for screens | " + " | ".join(_pct(len(r.papers_warned), r.papers) for r in results) + " |")
    lines.append(
        "| check time per document, median / p95 | "
        + " | ".join(f"{statistics.median(r.times_ms):.0f} / {_p95(r.times_ms):.0f} ms" for r in results)
        + " |"
    )
    for r in results:
        problems = r.clean_rejected + [f"false mismatch {m}" for m in r.false_mismatches] + r.mistakes
        lines.append(f"\n{r.name}: {len(r.mistakes)} wrong check results" + (":" if problems else ""))
        lines += [f"  - {p}" for p in problems[:40]]
    return "\n".join(lines)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the held-out set")
    parser.add_argument("--seed", type=int, default=HELD_OUT_SEED, help="seed of the held-out set")
    args = parser.parse_args(argv)
    from doc_fixtures import build_cases, build_text_cases, cjk_font_path

    if cjk_font_path() is None:
        print("no CJK font found (Debian: fonts-noto-cjk): documents with text cannot be generated", file=sys.stderr)
        return 1
    from screen_fixtures import HELD_OUT_SEED as SCREEN_HELD_OUT, TEST_SEED as SCREEN_TEST_SEED, build_screen_cases

    results = []
    if not args.quick:
        results.append(evaluate("fixtures (no OCR)", build_cases(seed=FIXTURE_SEED), read_text=False))
        text = evaluate("text fixtures", build_text_cases(TEXT_TEST_SEED))
        results.append(evaluate_screens(text, build_screen_cases(SCREEN_TEST_SEED)))
    held = build_text_cases(args.seed)
    screens = build_screen_cases(SCREEN_HELD_OUT)
    name = f"held-out (seed {args.seed}, {len(held)} documents; screens seed {SCREEN_HELD_OUT}, {len(screens)})"
    results.append(evaluate_screens(evaluate(name, held), screens))
    print(format_tables(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
