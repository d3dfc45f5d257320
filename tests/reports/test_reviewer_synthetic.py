"""Invented reports in styles the seeds do not have (tests/reports/data/synthetic: a county, a district with
(一) sub-headings, a city department, a 自治州 with a flattened table, a township summary, a city in 2024, a
district without a title, a county justice bureau full of numbers that are not catalog figures), hand-labelled in the gold format. Sections and metadata must be right on every
report; figures are scored as the gold bench does (key and value within 1%), micro-averaged."""

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from fazhi.reviewer import SECTION_KEYS, review_file

SYNTHETIC = Path(__file__).parent / "data" / "synthetic"
NAMES = sorted(p.stem for p in SYNTHETIC.glob("*.txt"))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def _load(name: str):
    result = review_file(SYNTHETIC / f"{name}.txt").as_dict()
    gold = yaml.safe_load((SYNTHETIC / f"{name}.yaml").read_text(encoding="utf-8"))
    return result, gold


def _errors(result: dict, gold: dict) -> tuple[int, list[str], list[str]]:
    got = {k: v["value"] for k, v in result["indicators"].items()}
    want = gold.get("indicators") or {}
    tp = sum(1 for k, v in got.items() if k in want and _same(v, want[k]))
    fps = [
        f"{k}={v} ({result['indicators'][k]['evidence']})"
        for k, v in got.items()
        if not (k in want and _same(v, want[k]))
    ]
    fns = [f"{k}={v}" for k, v in want.items() if not (k in got and _same(got[k], v))]
    return tp, fps, fns


def test_there_are_enough_styles():
    assert len(NAMES) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_metadata_and_sections(name):
    result, gold = _load(name)
    assert (result["jurisdiction"], result["year"]) == (gold["jurisdiction"], gold["year"])
    assert result["sections"] == {k: bool(gold["sections"][k]) for k in SECTION_KEYS}


def test_precision_and_recall():
    tp = fp = fn = 0
    report = []
    for name in NAMES:
        result, gold = _load(name)
        t, fps, fns = _errors(result, gold)
        tp, fp, fn = tp + t, fp + len(fps), fn + len(fns)
        report += [f"{name} FP {e}" for e in fps] + [f"{name} FN {e}" for e in fns]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert precision >= 0.95 and recall >= 0.90, "\n".join([f"P={precision:.3f} R={recall:.3f}", *report])


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_of_every_report(name):
    """Stricter than the bench targets: every labelled figure and nothing else."""
    result, gold = _load(name)
    _, fps, fns = _errors(result, gold)
    assert not fps and not fns, "\n".join([*(f"FP {e}" for e in fps), *(f"FN {e}" for e in fns)])
    for key, quote in (gold.get("evidence") or {}).items():
        mine = _squash(result["indicators"][key]["evidence"])
        assert mine in _squash(quote) or _squash(quote) in mine, (key, mine, quote)


def _squash(s: str) -> str:
    return re.sub(r"[\s|]+", "", unicodedata.normalize("NFKC", s))
