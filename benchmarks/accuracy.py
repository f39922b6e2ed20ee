"""Accuracy of the backdrop-photo checker on three sets, with per-check tables.

    python benchmarks/accuracy.py [--quick] [--misses N] [--held-out N]

Sets:
  (a) development: the tests' labeled fixtures (``photo_fixtures.build_cases()``) plus the scene generator's
      development seed 1 (``scene_generator.generate(1, ...)``): what the tests may look at;
  (b) held-out: the scene generator's seed 2 (about 300 scenes). Held out: no test scores it and no threshold may be
      tuned on it; it is only printed here;
  (c) real: the hand-labeled real photographs in ``../shared/eval/photo-real-dev`` (relative to the repository's
      parent folder), skipped with a message when the folder is absent. A ``warn`` answer counts as not-fail, ``skip``
      labels are not scored, and a check the checker does not report counts as wrong.

For every set: correct/total and accuracy per check, verdict accuracy, fully valid photos rejected and warned, false
backdrop passes (a background that is not the backdrop judged pass or warn), the check time per photo (median, p95;
the picture is rendered and encoded before the clock starts), the make-up of the set and the first misses per check.
The checker is called as ``check_photo(data, name=..., profile=...)``; a checker without profiles is called without the
keyword (then ``plain_light`` scenes are judged by its only rule set and said so).

At the end, ``benchmarks/accuracy_documents.py`` (document checks, including the screen re-shot warning on its own
held-out seed) runs too when it exists.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "imaging"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import median, percentile  # noqa: E402

from beian_desktop.imaging.photo import check_photo  # noqa: E402

CHECK_IDS = ("face_count", "framing", "backdrop", "clothing", "resolution", "exposure", "sharpness")
REAL_DIR = ROOT.parent / "shared" / "eval" / "photo-real-dev"
HELD_OUT_SEED = 2
NOT_FAIL = frozenset({"pass", "warn"})
FAIL = frozenset({"fail"})


@dataclass
class Item:
    """One picture to check, with what is acceptable per check (a set of statuses) and for the verdict."""

    name: str
    load: Callable[[], bytes]
    expected: dict[str, frozenset[str]]
    verdict: frozenset[str] | None
    valid: bool
    group: str
    profile: str = "aliyun_backdrop"
    backdrop_negative: bool = False  # the background is not an acceptable backdrop


@dataclass
class Result:
    item: Item
    got: dict[str, str | None]
    verdict: str
    seconds: float


@dataclass
class SetReport:
    title: str
    results: list[Result] = field(default_factory=list)


# --------------------------------------------------------------------------- calling the checker

_PROFILE_KW: bool | None = None


def _accepts_profile() -> bool:
    global _PROFILE_KW
    if _PROFILE_KW is None:
        try:
            params = inspect.signature(check_photo).parameters
            _PROFILE_KW = "profile" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())
        except (TypeError, ValueError):
            _PROFILE_KW = True
    return _PROFILE_KW


def run_check(data: bytes, name: str, profile: str):
    global _PROFILE_KW
    if _accepts_profile():
        try:
            return check_photo(data, name=name, profile=profile)
        except TypeError as exc:
            if "profile" not in str(exc):
                raise
            _PROFILE_KW = False
    return check_photo(data, name=name)


def evaluate(title: str, items: list[Item]) -> SetReport:
    report = SetReport(title)
    for item in items:
        data = item.load()
        start = time.perf_counter()
        try:
            rep = run_check(data, item.name, item.profile)
        except Exception as exc:  # one broken case never ends the run: it scores as all checks missing
            seconds = time.perf_counter() - start
            print(f"  ERROR {item.name}: {type(exc).__name__}: {exc}")
            report.results.append(Result(item, dict.fromkeys(CHECK_IDS), "error", seconds))
            continue
        seconds = time.perf_counter() - start
        got = {}
        for check_id in CHECK_IDS:
            c = rep.check(check_id)
            got[check_id] = c.status if c is not None else None
        report.results.append(Result(item, got, rep.verdict, seconds))
    return report


# --------------------------------------------------------------------------- the sets


def _fixture_verdict(expected: dict[str, frozenset[str]]) -> frozenset[str] | None:
    from scene_generator import expected_verdict

    return expected_verdict(expected)


def development_items(quick: bool) -> list[Item]:
    import photo_fixtures
    import scene_generator

    items: list[Item] = []
    cases = photo_fixtures.build_cases()
    if quick:
        cases = cases[::3]
    for c in cases:
        items.append(Item(f"fixture:{c.name}", c.jpeg, c.expected, _fixture_verdict(c.expected), c.valid, "fixtures/" + c.name.split("-")[0],
                          backdrop_negative=c.scene.background != "aliyun"))
    items += generator_items(scene_generator.DEV_SEED, 50 if quick else 120)
    return items


def generator_items(seed: int, n: int) -> list[Item]:
    import scene_generator as sg

    out = []
    for c in sg.generate(seed, n):
        out.append(Item(c.name, c.jpeg, c.expected, c.expected_verdict, c.valid, f"seed{seed}/{sg.group_of(c.kind)}", c.profile,
                        backdrop_negative=c.expected.get("backdrop") == FAIL))
    return out


def real_items() -> list[Item] | None:
    labels = REAL_DIR / "labels.jsonl"
    if not labels.is_file():
        return None
    items = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        path = REAL_DIR / row["file"]
        if not path.is_file():
            continue
        expected = {}
        for check_id in CHECK_IDS:
            label = row.get(check_id, "skip")
            if label == "pass":
                expected[check_id] = NOT_FAIL
            elif label == "fail":
                expected[check_id] = FAIL
        verdict = {"pass": NOT_FAIL, "warn": NOT_FAIL, "fail": FAIL}.get(row.get("expected_verdict", ""))
        valid = all(row.get(c) == "pass" for c in CHECK_IDS)
        items.append(Item(f"real:{row['file']}", path.read_bytes, expected, verdict, valid, "real/" + row.get("origin", "?"),
                          backdrop_negative=row.get("backdrop") == "fail"))
    return items


# --------------------------------------------------------------------------- printing


def print_report(rep: SetReport, misses_per_check: int) -> dict[str, Any]:
    res = rep.results
    print(f"\n=== {rep.title}: {len(res)} photos ===")
    groups = Counter(r.item.group for r in res)
    profiles = Counter(r.item.profile for r in res)
    print("  make-up: " + ", ".join(f"{g} {n}" for g, n in sorted(groups.items())))
    print(f"  profiles: {dict(profiles)}; fully valid photos: {sum(r.item.valid for r in res)}; "
          f"backgrounds that are not the backdrop: {sum(r.item.backdrop_negative for r in res)}")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in res:
        for check_id, expected in r.item.expected.items():
            got = r.got.get(check_id)
            counts[check_id][1] += 1
            if got in expected:
                counts[check_id][0] += 1
            else:
                misses[check_id].append((r.item.name, f"{r.item.name}: {got or 'missing'} (expected {'/'.join(sorted(expected))})"))
    print(f"  {'check':<12} {'correct':>11} {'accuracy':>9}   {'labeled pass/warn/fail-ish':>28}")
    summary: dict[str, Any] = {}
    for check_id in CHECK_IDS:
        ok, total = counts[check_id]
        kinds = Counter("fail" if r.item.expected[check_id] == FAIL else "pass" if "pass" in r.item.expected[check_id] else "warn"
                        for r in res if check_id in r.item.expected)
        acc = ok / total if total else float("nan")
        summary[check_id] = acc
        shown = f"{acc:>9.1%}" if total else f"{'-':>9}"
        print(f"  {check_id:<12} {ok:>5}/{total:<5} {shown}   {kinds.get('pass', 0):>10}/{kinds.get('warn', 0)}/{kinds.get('fail', 0)}")
    scored = [r for r in res if r.item.verdict is not None]
    v_ok = sum(r.verdict in r.item.verdict for r in scored)
    v_acc = v_ok / len(scored) if scored else float("nan")
    summary["verdict"] = v_acc
    print(f"  {'verdict':<12} {v_ok:>5}/{len(scored):<5} {v_acc:>9.1%}")
    valid = [r for r in res if r.item.valid]
    if valid:
        rejected = [r for r in valid if r.verdict == "fail"]
        warned = [r for r in valid if r.verdict == "warn"]
        print(f"  fully valid photos rejected: {len(rejected)}/{len(valid)} ({len(rejected) / len(valid):.1%}), warned: {len(warned)}")
        reasons = Counter(c for r in rejected for c in CHECK_IDS if r.got.get(c) == "fail")
        if reasons:
            print("    rejected by: " + ", ".join(f"{c} {n}" for c, n in reasons.most_common()))
        summary["valid_rejected"] = len(rejected) / len(valid)
    negatives = [r for r in res if r.item.backdrop_negative]
    if negatives:
        passed = [r for r in negatives if r.got.get("backdrop") in NOT_FAIL]
        print(f"  false backdrop passes: {len(passed)}/{len(negatives)}"
              + (" (" + ", ".join(f"{k} {n}" for k, n in Counter(_kind(r.item.name) for r in passed).most_common()) + ")" if passed else ""))
    times = [r.seconds * 1000 for r in res]
    print(f"  time per photo (check only): median {median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms, max {max(times):.0f} ms")
    if misses_per_check:
        print("  misses (by scene kind, then the first ones per check):")
        for check_id in CHECK_IDS:
            if misses[check_id]:
                by_kind = Counter(_kind(name) for name, _ in misses[check_id])
                print(f"    {check_id} ({len(misses[check_id])}): " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common(8)))
                for _, text in misses[check_id][:misses_per_check]:
                    print(f"      {text}")
    return summary


def _kind(name: str) -> str:
    if name.startswith("real:"):  # real:deepface__tests_unit_dataset_img5.jpg -> real:deepface
        return "real:" + name[5:].split("__")[0]
    if name.startswith("fixture:"):  # fixture:framing-astronaut-tilt-fail-0 -> fixture:framing-tilt-fail
        parts = name.split(":", 1)[1].split("-")
        return "fixture:" + "-".join([parts[0], *parts[2:-1]])
    parts = name.split("-", 2)
    return parts[2] if len(parts) == 3 else name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sets (a third of the fixtures, 50 + 100 generated scenes)")
    parser.add_argument("--misses", type=int, default=6, help="misses listed per check and set (default 6)")
    parser.add_argument("--held-out", type=int, default=None, help="number of held-out scenes (default 300, --quick 100)")
    parser.add_argument("--sets", default="dev,held,real", help="comma-separated subset of dev, held, real (default all three)")
    args = parser.parse_args(argv)
    sets = {s.strip() for s in args.sets.split(",")}
    import scene_generator

    if not scene_generator.cjk_font_available():
        print("no CJK font found (Debian: fonts-noto-cjk): the generated backdrops cannot be drawn", file=sys.stderr)
        return 1
    started = time.perf_counter()
    print("backdrop-photo checker accuracy (labels: tests/imaging/scene_generator.py conventions; warn = not-fail on real photos)")
    summaries = {}
    if not _accepts_profile():
        print("note: check_photo() has no 'profile' keyword yet: plain_light scenes are judged by the checker's only rule set")
    if "dev" in sets:
        dev = evaluate("(a) development: tests' fixtures + generator seed 1", development_items(args.quick))
        summaries["development"] = print_report(dev, args.misses)
    if "held" in sets:
        n_held = args.held_out or (100 if args.quick else 300)
        held = evaluate(f"(b) held-out: generator seed {HELD_OUT_SEED}", generator_items(HELD_OUT_SEED, n_held))
        summaries["held-out"] = print_report(held, args.misses)
    if "real" in sets:
        items = real_items()
        if items is None:
            print(f"\n=== (c) real photos: skipped, {REAL_DIR} not found ===")
        else:
            summaries["real"] = print_report(evaluate(f"(c) real photos: {REAL_DIR.name}", items), args.misses)
    print("\nsummary (accuracy per check; target >= 97 % each, valid rejected <= 3 %):")
    cols = (*CHECK_IDS, "verdict", "valid_rejected")
    print("  " + f"{'set':<12}" + "".join(f"{c[:10]:>11}" for c in cols))
    for name, s in summaries.items():
        print("  " + f"{name:<12}" + "".join(f"{s[c]:>11.1%}" if c in s and s[c] == s[c] else f"{'-':>11}" for c in cols))
    print(f"total {time.perf_counter() - started:.0f} s")
    docs = Path(__file__).resolve().parent / "accuracy_documents.py"
    if docs.is_file():
        spec = importlib.util.spec_from_file_location("accuracy_documents", docs)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        print()
        argv_before = sys.argv
        source = docs.read_text(encoding="utf-8")
        sys.argv = [str(docs)] + (["--quick"] if args.quick and "--quick" in source else [])
        try:
            module.main([] if not args.quick else ["--quick"])
        finally:
            sys.argv = argv_before
    return 0


if __name__ == "__main__":
    sys.exit(main())
