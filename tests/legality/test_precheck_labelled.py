"""Precision and recall of the draft pre-check on the labelled real clauses (tests/legality/precheck_labelled.py),
over (clause, rule) pairs. The floors are the figures measured when the set was added, so a change to the rules that
loses ground fails here; `python -m tests.legality.test_precheck_labelled` prints the figures and every miss."""

from __future__ import annotations

from fazhi.legality.precheck import precheck
from tests.legality.precheck_labelled import CLAUSES


def measure() -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    notes = []
    for label, text, truth in CLAUSES:
        got = {f["rule"] for f in precheck(text)["flags"]}
        tp += len(got & truth)
        for rule in sorted(got - truth):
            fp += 1
            notes.append(f"误报 {label} {rule}")
        for rule in sorted(truth - got):
            fn += 1
            notes.append(f"漏报 {label} {rule}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, notes


def test_precision_and_recall_on_real_clauses():
    precision, recall, notes = measure()
    assert len(CLAUSES) >= 30
    assert precision >= PRECISION_FLOOR, notes
    assert recall >= RECALL_FLOOR, notes


PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.6

if __name__ == "__main__":
    p, r, notes = measure()
    print(f"{len(CLAUSES)} clauses: precision {p:.2f}, recall {r:.2f}")
    print("\n".join(notes))
