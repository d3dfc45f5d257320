"""Precision and recall of the draft pre-check on the labelled real clauses (tests/legality/precheck_labelled.py),
over (clause, rule) pairs; `python -m tests.legality.test_precheck_labelled` prints the figures and every miss.

Measured: on first contact (the set fixed before it was run) precision 0.91, recall 0.62 (10 of 11 flags right, 10 of
16 labels found). The misses then named words the rules lacked (扣留, 应当经…登记取得, 纳入…信用, 总量调控, an
obligation to 申请登记) and one false alarm a negation (不向…收取费用); after adding those, 1.00 / 1.00, which is
in-sample and so optimistic. The floors below hold that ground against regressions.

Second set (precheck_labelled_2.py, 上海市单用途预付消费卡管理规定, 35 clauses labelled and committed before one run,
rules unchanged): precision 1.00, recall 0.21 (3 of 3 flags right, 3 of 14 labels found; the first set on the same
run: 1.00 / 1.00). Every miss is an operator's new duty written as "经营者应当建立／公示／填报／提供／发布告示／对接"
— the burden rule knows payments, 信用 lists, 登记/备案 duties and denials, not duties of conduct. That is the
out-of-sample figure; a rule widened for it would have to be measured on a third set.

The burden rule was then widened for those duties (PrivateDuty in fazhi.legality.precheck: a modal followed by a verb
of setting up, disclosing, reporting, informing or documenting, the subject not an administrative organ): second set
1.00 / 0.93 (13 of 14; the miss is a duty written without 应当), in-sample now; the first set stays 1.00 / 1.00.

Third set (precheck_labelled_3.py, 明码标价和禁止价格欺诈规定, a 部门规章, 40 clauses labelled and committed before
the widened rule was run on it), measured once, main's rules and the widened ones side by side: main 1.00 / 0.08
(2 of 2 flags right, 2 of 25 labels found), widened 1.00 / 0.44 (11 of 11, 11 of 25). Its 14 misses: prohibitions
on operators (不得…, five clauses) and duties whose verb is outside the rule's class (明码标价, 调整标价, 使用规范汉字,
区分标记, 应当符合 / 真实准确 / 不高于, 做到…). That is the out-of-sample figure; the rule was not changed after it."""

from __future__ import annotations

from fazhi.legality.precheck import precheck
from tests.legality import precheck_labelled, precheck_labelled_2, precheck_labelled_3
from tests.legality.precheck_labelled import CLAUSES

Clauses = list[tuple[str, str, frozenset[str]]]


def measure(clauses: Clauses = CLAUSES) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    notes = []
    for label, text, truth in clauses:
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
RECALL_FLOOR = 0.9


def test_precision_and_recall_on_the_second_set():
    precision, recall, notes = measure(precheck_labelled_2.CLAUSES)
    assert len(precheck_labelled_2.CLAUSES) >= 30
    assert precision >= SECOND_PRECISION_FLOOR, notes
    assert recall >= SECOND_RECALL_FLOOR, notes


# measured once on first contact: 1.00 / 0.21 (3 of 14); after the burden rule was widened for its misses (in-sample):
# 1.00 / 0.93 (13 of 14)
SECOND_PRECISION_FLOOR = 1.0
SECOND_RECALL_FLOOR = 0.9


def test_precision_and_recall_on_the_third_set():
    precision, recall, notes = measure(precheck_labelled_3.CLAUSES)
    assert len(precheck_labelled_3.CLAUSES) >= 30
    assert precision >= THIRD_PRECISION_FLOOR, notes
    assert recall >= THIRD_RECALL_FLOOR, notes


# measured once on first contact, with the widened burden rule: 1.00 / 0.44 (11 of 25); main's rules: 1.00 / 0.08
THIRD_PRECISION_FLOOR = 1.0
THIRD_RECALL_FLOOR = 0.44

if __name__ == "__main__":
    for name, module in (
        ("first", precheck_labelled),
        ("second", precheck_labelled_2),
        ("third", precheck_labelled_3),
    ):
        p, r, notes = measure(module.CLAUSES)
        print(
            f"{name} set, {module.SOURCE}: {len(module.CLAUSES)} clauses, precision {p:.2f}, recall {r:.2f}"
        )
        print("\n".join(notes))
