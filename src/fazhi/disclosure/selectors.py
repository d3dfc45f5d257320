"""Every org-scoped read of 依申请公开 records, the due-date source and the annual report's tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import ANSWER_GROUPS, ApplicantClass, Outcome
from .models import Application


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    unit: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue"
    answer: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            due=params.get("due") or "",
            answer=params.get("answer") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[Application]:
    return Application.objects.filter(org_filter(user, "org", "unit", capability="disclosure.view"))


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Application]:
    qs = search(visible_cases(user), f.q, ("number", "applicant", "content"))
    qs = exact(
        qs,
        f,
        {"status": "status", "unit": "unit_id", "year": "received_on__year", "answer": "answer"},
    )
    today = timezone.localdate()
    open_ = qs.filter(answered_on__isnull=True, due_on__isnull=False)
    if f.due == "soon":
        qs = open_.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = open_.filter(due_on__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> Application:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit"))


def due_source() -> DueSource:
    """依申请公开's obligations: the reply of every open application whose clock runs (not awaiting 补正, no open
    consultation), owed by the receiving organ."""

    def queryset(user: Viewer | None) -> QuerySet[Application]:
        qs = visible_cases(user) if user is not None else Application.objects.all()
        return qs.filter(answered_on__isnull=True, due_on__isnull=False)

    return DueSource(
        key="disclosure.reply",
        label="依申请公开",
        queryset=queryset,
        due_field="due_on",
        rule=rule_label("disclosure.reply", "答复期限"),
        org="unit",
        title=lambda a: f"{a.number} · {a.applicant}",
        url=lambda a: reverse("disclosure:detail", args=[a.pk]),
    )


# -- the annual report (政府信息公开工作年度报告, 国办公开办函〔2021〕30号) -------------------------------------


def of_org(org: Org) -> QuerySet[Application]:
    """The applications an org reports: a jurisdiction those of its subtree's organs, an organ its own."""
    return Application.objects.filter(unit__path__startswith=org.path)


@dataclass
class ReportTables:
    org: Org
    year: int
    columns: list[str]  # the applicant classes, then 总计
    rows: list[tuple[str, str, list[int]]]  # (group, row label, counts per column incl. total)
    disputes: list[tuple[str, list[int]]]  # table 四: (head, [维持, 纠正, 其他, 尚未审结, 总计])


def _by_class(qs: QuerySet[Application]) -> list[int]:
    got = dict(qs.values_list("applicant_class").annotate(n=Count("pk")).order_by())
    counts = [got.get(c, 0) for c in ApplicantClass.values]
    return [*counts, sum(counts)]


def report_tables(org: Org, year: int) -> ReportTables:
    """Table 三 (收到和处理政府信息公开申请情况) and table 四 (行政复议、行政诉讼情况) of `org`'s annual report, counted
    from the records. The report's check holds by construction: 新收 + 上年结转 = 办理结果总计 + 结转下年度."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = of_org(org)
    rows: list[tuple[str, str, list[int]]] = [
        (
            "",
            "一、本年新收政府信息公开申请数量",
            _by_class(qs.filter(received_on__gte=start, received_on__lte=end)),
        ),
        (
            "",
            "二、上年结转政府信息公开申请数量",
            _by_class(
                qs.filter(received_on__lt=start).filter(
                    Q(answered_on__isnull=True) | Q(answered_on__gte=start)
                )
            ),
        ),
    ]
    answered = qs.filter(answered_on__gte=start, answered_on__lte=end)
    per_answer: dict[str, list[int]] = {}
    for answer, cls, n in (
        answered.values_list("answer", "applicant_class").annotate(n=Count("pk")).order_by()
    ):
        per_answer.setdefault(answer, [0] * len(ApplicantClass.values))[ApplicantClass.values.index(cls)] += n
    width = len(ApplicantClass.values)
    for group, answers in ANSWER_GROUPS:
        if len(answers) == 1:
            counts = per_answer.get(answers[0], [0] * width)
            rows.append(("三、本年度办理结果", group, [*counts, sum(counts)]))
            continue
        for i, a in enumerate(answers, start=1):
            counts = per_answer.get(a, [0] * width)
            label = a.label.split("：", 1)[1]
            rows.append((group, f"{i}.{label}", [*counts, sum(counts)]))
    total = [sum(c[i] for c in per_answer.values()) for i in range(width)]
    rows.append(("三、本年度办理结果", "（七）总计", [*total, sum(total)]))
    rows.append(
        (
            "",
            "四、结转下年度继续办理",
            _by_class(
                qs.filter(received_on__lte=end).filter(Q(answered_on__isnull=True) | Q(answered_on__gt=end))
            ),
        )
    )
    outcomes = Outcome.values

    def dispute_row(field: str, **extra: bool) -> list[int]:
        got = dict(
            answered.exclude(**{field: ""})
            .filter(**extra)
            .values_list(field)
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts = [got.get(o, 0) for o in outcomes]
        return [*counts, sum(counts)]

    disputes = [
        ("行政复议", dispute_row("review")),
        ("行政诉讼：未经复议直接起诉", dispute_row("suit", suit_after_review=False)),
        ("行政诉讼：复议后起诉", dispute_row("suit", suit_after_review=True)),
    ]
    return ReportTables(org, year, [*ApplicantClass.labels, "总计"], rows, disputes)
