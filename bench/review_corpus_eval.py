"""Measure the report reviewer out of sample, on the hand-labelled corpus in bench/review_corpus.

    python bench/review_corpus_eval.py [--corpus DIR] [--src DIR] [--check]

Each corpus report is NNN_name.txt (the report's text, nothing else) with NNN_name.yaml beside it: labels in the
format of shared/indicators/gold, plus `source:` (where the text comes from) and `truncated:` (true when only part of
the report is there). A section labelled `null` could not be judged (it lies in the part of a truncated report that
is not there) and is left out of the section score.

Prints, per report, the same table as bench/review_gold.py: figure precision and recall (a figure is right when its
key matches and its value is equal within 0.01 relative; only keys of the seed catalog count), how many right
figures quote overlapping words, section accuracy over the judged sections, known inconsistencies found, false
alarms and metadata; then the micro-averaged totals, the section accuracy per section key, and every false positive
and false negative with the sentence it stands in. With --check, exits 1 when the review_gold.py targets are missed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


def _preload_reviewer_from(argv: list[str]) -> None:
    """--src DIR: measure the reviewer found in DIR (e.g. `git archive HEAD src | tar -x -C /tmp/head`) instead of
    the working tree's; it is imported before review_gold puts the repository's src first on the path."""
    if "--src" in argv:
        i = argv.index("--src")
        if i + 1 < len(argv):
            sys.path.insert(0, str(Path(argv[i + 1]).resolve()))
            import fazhi.reviewer  # noqa: F401


_preload_reviewer_from(sys.argv)

from review_gold import (  # noqa: E402  (also puts the repository's src on the path)
    INCONSISTENCY_KINDS,
    REPO,
    _ratio,
    _squash,
    evidence_agrees,
    same_value,
)

import fazhi.reviewer as reviewer_module  # noqa: E402
from fazhi.reviewer import SECTION_KEYS, review_file  # noqa: E402

SENTENCE_END = "。；;！!？?\n"


def reviewer_version() -> str:
    """Which reviewer is measured: its folder, and for the working tree the commit and any uncommitted changes."""
    folder = Path(reviewer_module.__file__).resolve().parent
    try:
        folder.relative_to(REPO)
    except ValueError:
        return str(folder)

    def git(*args: str) -> str:
        run = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False)
        return run.stdout.strip()

    dirty = [line[3:] for line in git("status", "--porcelain", "--", str(folder)).splitlines()]
    return f"{folder.relative_to(REPO)} at {git('rev-parse', '--short', 'HEAD')}" + (
        f" + uncommitted changes in {', '.join(dirty)}" if dirty else ""
    )


def seed_catalog_keys() -> set[str]:
    """The keys of the seed catalog: shared/indicators/catalog.yaml, else the first block of the shipped catalog."""
    for shared in (REPO.parent / "shared", REPO.parent.parent / "shared"):  # main checkout, or a worktree
        if (shared / "indicators" / "catalog.yaml").exists():
            return set(yaml.safe_load((shared / "indicators" / "catalog.yaml").read_text(encoding="utf-8")))
    shipped = (REPO / "src" / "fazhi" / "indicators" / "catalog.yaml").read_text(encoding="utf-8")
    head = shipped.split("# The seed catalog", 1)[-1]
    return set(re.findall(r"^([a-z_]+\.[a-z_]+):", head, flags=re.M)[:33])


def sentence_around(text: str, quote: str) -> str:
    """The sentence of `text` holding `quote` (compared without white space), else the quote itself."""
    if not quote:
        return ""
    flat = _squash(text)
    q = _squash(quote)
    i = flat.find(q)
    if i < 0:
        return quote
    start = max(flat.rfind(c, 0, i) for c in SENTENCE_END) + 1
    ends = [j for j in (flat.find(c, i + len(q)) for c in SENTENCE_END) if j >= 0]
    end = min(ends) + 1 if ends else len(flat)
    s = flat[start:end]
    return s if len(s) <= 220 else "…" + flat[max(start, i - 80) : i + len(q) + 80] + "…"


def score(report: Path, labels: dict, keys: set[str]) -> dict:
    result = review_file(report)
    got = result.as_dict()
    text = result.text or report.read_text(encoding="utf-8")
    want = labels.get("indicators") or {}
    want_ev = labels.get("evidence") or {}
    figures = {k: v for k, v in got["indicators"].items() if k in keys}
    ignored = sorted(set(got["indicators"]) - keys)
    tp = fp = fn = ev_ok = 0
    fps, fns = [], []
    for key, item in figures.items():
        if key in want and same_value(item["value"], want[key]):
            tp += 1
            ev_ok += evidence_agrees(item["evidence"], want_ev.get(key, ""))
        else:
            fp += 1
            fps.append(
                f"  FP {key} = {item['value']}"
                + (f"（应为 {want[key]}）" if key in want else "")
                + f"：{sentence_around(text, item['evidence'])}"
            )
    for key, value in want.items():
        item = figures.get(key)
        if item is None or not same_value(item["value"], value):
            fn += 1
            fns.append(f"  FN {key} = {value}：{sentence_around(text, want_ev.get(key, ''))}")

    want_sections = labels.get("sections") or {}
    judged = {k: want_sections.get(k) for k in SECTION_KEYS if want_sections.get(k) is not None}
    section_right = {k: got["sections"][k] == bool(v) for k, v in judged.items()}
    section_errors = [
        f"  章节 {k}: 识别为 {got['sections'][k]}，应为 {bool(judged[k])}"
        + (f"（标题：{result.section_headings[k]}）" if k in result.section_headings else "")
        for k, ok in section_right.items()
        if not ok
    ]
    unjudged_claims = [
        f"  章节 {k}: 识别为 True（截断，未标注）"
        for k in SECTION_KEYS
        if k not in judged and got["sections"][k]
    ]

    known = {i["key"] for i in labels.get("inconsistencies") or []}
    flagged = {f.key for f in result.findings if f.kind in INCONSISTENCY_KINDS}
    incons_errors = [f"  误报不一致 {k}" for k in sorted(flagged - known)]
    incons_errors += [f"  未发现不一致 {k}" for k in sorted(known - flagged)]

    meta_ok = got["jurisdiction"] == labels.get("jurisdiction") and got["year"] == labels.get("year")
    meta_errors = (
        []
        if meta_ok
        else [
            f"  元数据 识别为 {got['jurisdiction']} {got['year']}，应为 {labels.get('jurisdiction')} {labels.get('year')}"
        ]
    )
    return {
        "name": report.stem,
        "truncated": bool(labels.get("truncated")),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "ev_ok": ev_ok,
        "section_right": section_right,
        "known": len(known),
        "found": len(known & flagged),
        "false_alarms": len(flagged - known),
        "meta_ok": meta_ok,
        "fps": fps,
        "fns": fns,
        "other_errors": section_errors + incons_errors + meta_errors,
        "notes": unjudged_claims
        + ([f"  不在种子目录的键（未计分）：{', '.join(ignored)}"] if ignored else []),
        "error": got["error"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BENCH / "review_corpus")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--src", type=Path, help="measure the reviewer under this src folder (read before the imports)"
    )
    args = parser.parse_args(argv)
    print(f"reviewer: {reviewer_version()}")

    keys = seed_catalog_keys()
    rows = []
    for label_file in sorted(args.corpus.glob("*.yaml")):
        report = label_file.with_suffix(".txt")
        if not report.exists():
            print(f"缺少样本 {report}", file=sys.stderr)
            continue
        labels = yaml.safe_load(label_file.read_text(encoding="utf-8"))
        rows.append(score(report, labels, keys))

    head = (
        f"{'report':28} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'evid':>6} {'sect':>5} "
        f"{'incons':>7} {'FA':>3} {'meta':>5} {'trunc':>5}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        sect_ok, sect_n = sum(r["section_right"].values()), len(r["section_right"])
        print(
            f"{r['name']:28} {_ratio(r['tp'], r['tp'] + r['fp']):6.3f} {_ratio(r['tp'], r['tp'] + r['fn']):6.3f} "
            f"{r['tp']:4d} {r['fp']:4d} {r['fn']:4d} {r['ev_ok']:>3d}/{r['tp']:<2d} {sect_ok:>3d}/{sect_n:<1d} "
            f"{r['found']:>3d}/{r['known']:<3d} {r['false_alarms']:3d} {'ok' if r['meta_ok'] else 'x':>5} "
            f"{'yes' if r['truncated'] else 'no':>5}"
        )
        if r["error"]:
            print(f"  读取失败：{r['error']}")
    tp = sum(r["tp"] for r in rows)
    fp = sum(r["fp"] for r in rows)
    fn = sum(r["fn"] for r in rows)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    sect_ok = sum(sum(r["section_right"].values()) for r in rows)
    sect_n = sum(len(r["section_right"]) for r in rows)
    known = sum(r["known"] for r in rows)
    found = sum(r["found"] for r in rows)
    fa = sum(r["false_alarms"] for r in rows)
    meta = sum(r["meta_ok"] for r in rows)
    print("-" * len(head))
    print(
        f"{'all (micro)':28} {precision:6.3f} {recall:6.3f} {tp:4d} {fp:4d} {fn:4d} "
        f"{sum(r['ev_ok'] for r in rows):>3d}/{tp:<2d} {sect_ok:>3d}/{sect_n:<2d}"
        f"{found:>3d}/{known:<3d} {fa:3d} {meta:>2d}/{len(rows):<2d}"
    )

    print("\nsection accuracy per key (judged sections only):")
    for k in SECTION_KEYS:
        marks = [r["section_right"][k] for r in rows if k in r["section_right"]]
        print(f"  {k:30} {sum(marks):>3d}/{len(marks):<3d}" + ("" if marks else "  (none judged)"))

    print(
        "\nfalse positives (reported figure wrong or not labelled) and false negatives (labelled figure missed):"
    )
    for r in rows:
        lines = r["fps"] + r["fns"] + r["other_errors"] + r["notes"]
        if lines:
            print(r["name"])
            for line in lines:
                print(line)

    missed = []
    if sect_ok != sect_n:
        missed.append("sections")
    if precision < 0.95:
        missed.append("precision")
    if recall < 0.90:
        missed.append("recall")
    if found < known:
        missed.append("inconsistencies")
    if missed:
        print("\n未达标：" + ", ".join(missed))
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
