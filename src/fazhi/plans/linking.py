"""Which catalog figure measures a target of a plan: the phrases plans use for each figure (出庭应诉率 →
litigation.head_appearance_rate). A proposal, shown on the task's page and corrected there by hand."""

from __future__ import annotations

import re

from fazhi.indicators.registry import catalog

# (all of these words in the target's text, catalog key); the first that matches wins, so the narrower
# phrase comes first (复议后…败诉率 before 败诉率).
PHRASES: list[tuple[tuple[str, ...], str]] = [
    (("复议后", "败诉率"), "litigation.after_reconsideration_loss_rate"),
    (("复议后", "诉讼", "比例"), "litigation.sued_after_reconsideration_rate"),
    (("复议后", "起诉", "比例"), "litigation.sued_after_reconsideration_rate"),
    (("复议", "听证"), "reconsideration.head_hearing_rate"),
    (("出庭应诉率",), "litigation.head_appearance_rate"),
    (("出庭", "比例"), "litigation.head_appearance_rate"),
    (("败诉率",), "litigation.loss_rate"),
    (("复议", "纠错率"), "reconsideration.correction_rate"),
    (("复议", "调解"), "reconsideration.mediation_rate"),
    (("复议", "典型案例"), "reconsideration.typical_cases_published"),
    (("法治专题讲座",), "study.lectures"),
    (("专题讲座",), "study.lectures"),
    (("学法用法考试",), "study.exams"),
    (("旁听庭审",), "study.court_observations"),
    (("集体学法",), "study.leader_sessions"),
    (("执法人员", "培训"), "enforcement.trainings"),
    (("案卷", "评查"), "enforcement.case_file_reviews"),
    (("整改率",), "enforcement.rectification_rate"),
    (("调解成功率",), "mediation.success_rate"),
    (("满意率", "12345"), "hotline.satisfaction_rate"),
    (("按时办结率",), "hotline.on_time_rate"),
    (("网办率",), "services.online_rate"),
    (("法治体检",), "business.legal_checkups"),
    (("民主法治示范村",), "governance.model_villages"),
    (("法律明白人",), "governance.legal_literates"),
    (("建议", "提案", "办结率"), "supervision.suggestion_completion_rate"),
]


def _fits(entry: dict, unit: str | None) -> bool:
    """A percentage target needs a rate, a count target (次, 场 …) a figure that is not one."""
    if unit is None:
        return True
    return (entry.get("unit") == "percent") == (unit == "%")


def link_indicator(text: str, unit: str | None = None) -> str | None:
    """The catalog key a target's text names, or None (then it is linked by hand or stays unlinked); with the
    target's `unit`, only a figure of the same kind (a rate for "%")."""
    known = catalog()
    squeezed = re.sub(r"\s+", "", text)
    for words, key in PHRASES:
        if key in known and all(w in squeezed for w in words) and _fits(known[key], unit):
            return key
    # A figure named by its catalog name (行政复议纠错率, 法治专题讲座场次 …).
    for key, entry in known.items():
        zh = entry.get("zh", "")
        if zh and len(zh) >= 4 and zh in squeezed and _fits(entry, unit):
            return key
    return None


def link_target(text: str, op: str, unit: str) -> str | None:
    """link_indicator for a parsed target: a comparison with another figure may name a figure of any kind."""
    return link_indicator(text, None if op == "cmp" else unit)
