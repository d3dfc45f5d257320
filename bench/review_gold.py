"""Measure the report reviewer against the hand-checked gold labels.

    python bench/review_gold.py [--seeds DIR] [--gold DIR]

Defaults: ../shared/seeds and ../shared/indicators/gold next to the repository, else the copies the tests
use (tests/reports/data). Prints, per report: figure precision and recall (a figure is right when its key
matches and its value is equal within 0.01 relative), how many right figures quote overlapping words,
section accuracy, and which known inconsistencies were found. Exits 1 with --check when a target is missed
(sections all right, precision ≥ 0.95, recall ≥ 0.90, every known inconsistency found).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from fazhi.reviewer import SECTION_KEYS, review_file  # noqa: E402

INCONSISTENCY_KINDS = {"rate_mismatch", "count_exceeds_total"}


def _defaults() -> tuple[Path, Path]:
    shared = REPO.parent / "shared"
    if (shared / "seeds").is_dir() and (shared / "indicators" / "gold").is_dir():
        return shared / "seeds", shared / "indicators" / "gold"
    data = REPO / "tests" / "reports" / "data"
    return data / "seeds", data / "gold"


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def evidence_agrees(mine: str, gold: str) -> bool:
    a, b = _squash(mine), _squash(gold)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    # Overlap of the longer common stretch around the number.
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b))
    return m.size >= 0.5 * min(len(a), len(b))


def score(seed: Path, gold: dict) -> dict:
    result = review_file(seed)
    got = result.as_dict()
    want = gold.get("indicators") or {}
    want_ev = gold.get("evidence") or {}
    tp = fp = fn = ev_ok = 0
    errors = []
    for key, item in got["indicators"].items():
        if key in want and same_value(item["value"], want[key]):
            tp += 1
            if evidence_agrees(item["evidence"], want_ev.get(key, "")):
                ev_ok += 1
        else:
            fp += 1
            errors.append(
                f"  多出/错误 {key} = {item['value']}（{item['evidence']}）"
                + (f" 应为 {want[key]}" if key in want else "")
            )
    for key, value in want.items():
        item = got["indicators"].get(key)
        if item is None or not same_value(item["value"], value):
            fn += 1
            if item is None:
                errors.append(f"  漏掉 {key} = {value}（{want_ev.get(key, '')}）")
    sections_ok = sum(got["sections"][k] == bool((gold.get("sections") or {}).get(k)) for k in SECTION_KEYS)
    for k in SECTION_KEYS:
        if got["sections"][k] != bool((gold.get("sections") or {}).get(k)):
            errors.append(f"  章节 {k}: 识别为 {got['sections'][k]}")
    known = {i["key"] for i in gold.get("inconsistencies") or []}
    flagged = {f.key for f in result.findings if f.kind in INCONSISTENCY_KINDS}
    for key in sorted(flagged - known):
        errors.append(f"  误报不一致 {key}")
    for key in sorted(known - flagged):
        errors.append(f"  未发现不一致 {key}")
    meta_ok = got["jurisdiction"] == gold.get("jurisdiction") and got["year"] == gold.get("year")
    if not meta_ok:
        errors.append(f"  元数据 {got['jurisdiction']} {got['year']}")
    return {
        "name": seed.stem,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "ev_ok": ev_ok,
        "sections_ok": sections_ok,
        "known": len(known),
        "found": len(known & flagged),
        "false_alarms": len(flagged - known),
        "meta_ok": meta_ok,
        "errors": errors,
        "error": got["error"],
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main(argv: list[str] | None = None) -> int:
    seeds_default, gold_default = _defaults()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=seeds_default)
    parser.add_argument("--gold", type=Path, default=gold_default)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong or missing figure")
    args = parser.parse_args(argv)

    rows = []
    for gold_file in sorted(args.gold.glob("*.yaml")):
        seed = args.seeds / (gold_file.stem + ".txt")
        if not seed.exists():
            candidates = list(args.seeds.glob(gold_file.stem + ".*"))
            if not candidates:
                print(f"缺少样本 {seed}", file=sys.stderr)
                continue
            seed = candidates[0]
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        rows.append(score(seed, gold))

    head = f"{'report':28} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'evid':>6} {'sect':>5} {'incons':>7} {'FA':>3} {'meta':>5}"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['name']:28} {_ratio(r['tp'], r['tp'] + r['fp']):6.3f} {_ratio(r['tp'], r['tp'] + r['fn']):6.3f} "
            f"{r['tp']:4d} {r['fp']:4d} {r['fn']:4d} {r['ev_ok']:>3d}/{r['tp']:<2d} {r['sections_ok']:>3d}/5 "
            f"{r['found']:>3d}/{r['known']:<3d} {r['false_alarms']:3d} {'ok' if r['meta_ok'] else 'x':>5}"
        )
        if r["error"]:
            print(f"  读取失败：{r['error']}")
        if args.verbose:
            for line in r["errors"]:
                print(line)
    tp = sum(r["tp"] for r in rows)
    fp = sum(r["fp"] for r in rows)
    fn = sum(r["fn"] for r in rows)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    sections = sum(r["sections_ok"] for r in rows)
    known = sum(r["known"] for r in rows)
    found = sum(r["found"] for r in rows)
    fa = sum(r["false_alarms"] for r in rows)
    print("-" * len(head))
    print(
        f"{'all':28} {precision:6.3f} {recall:6.3f} {tp:4d} {fp:4d} {fn:4d} "
        f"{sum(r['ev_ok'] for r in rows):>3d}/{tp:<2d} {sections:>3d}/{5 * len(rows):<2d}"
        f"{found:>3d}/{known:<3d} {fa:3d}"
    )
    missed = []
    if sections != 5 * len(rows):
        missed.append("sections")
    if precision < 0.95:
        missed.append("precision")
    if recall < 0.90:
        missed.append("recall")
    if found < known:
        missed.append("inconsistencies")
    if missed:
        print("未达标：" + ", ".join(missed))
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
