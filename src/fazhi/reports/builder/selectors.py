"""Reads of annual reports: the user's reports (org-scoped), the orgs a user may start a report for, the
published reports of the public page, and the disclosure deadline of each report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.core.permissions import org_filter, visible_orgs
from fazhi.core.types import Viewer
from fazhi.reports.models import AnnualReport, AnnualReportStatus

from .draft import disclosure_deadline
from .services import can_edit


@dataclass(frozen=True)
class Deadline:
    """每年4月1日之前 向社会公开 (督察工作规定): where a report on `year` stands against that date."""

    due: date  # the report must be public before this day
    text: str  # "剩12日" / "超期30日" / "按时公开" / "逾期3日公开"
    overdue: bool
    days: int  # days left (>0) or late (>0 when overdue)


def deadline(year: int, published_on: date | None = None, today: date | None = None) -> Deadline:
    due = disclosure_deadline(year)
    if published_on is not None:
        late = (published_on - due).days + 1
        if late > 0:
            return Deadline(due, f"逾期{late}日公开", True, late)
        return Deadline(due, "按时公开", False, 0)
    today = today or timezone.localdate()
    left = (due - today).days
    if left > 0:
        return Deadline(due, f"剩{left}日", False, left)
    return Deadline(due, f"超期{1 - left}日", True, 1 - left)


def visible_reports(user: Viewer, *, year: int | None = None) -> QuerySet[AnnualReport]:
    qs = AnnualReport.objects.filter(org_filter(user, "org")).select_related("org")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "org__path")


def get_report(user: Viewer, pk: int) -> AnnualReport:
    """A report the user may read, else 404 (another org's report is not there for them)."""
    report = visible_reports(user).filter(pk=pk).first()
    if report is None:
        raise Http404("没有该报告，或无权查看")
    return report


def editable_orgs(user: Viewer) -> list[Org]:
    """Jurisdictions the user may start a report for, top down, and the departments of the user's own
    memberships (a department writes its own report)."""
    own = set(user.memberships.values_list("org_id", flat=True)) if user.is_authenticated else set()
    return [
        o
        for o in visible_orgs(user).order_by("path")
        if (o.is_jurisdiction or o.id in own) and can_edit(user, o)
    ]


def published_reports(*, year: int | None = None) -> QuerySet[AnnualReport]:
    qs = AnnualReport.objects.filter(status=AnnualReportStatus.PUBLISHED).select_related("org")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "org__path")


def get_published(pk: int) -> AnnualReport:
    report = published_reports().filter(pk=pk).first()
    if report is None:
        raise Http404("没有该公开报告")
    return report


def top_jurisdiction() -> Org | None:
    """The org `fazhi report` defaults to: the root of the tree (the demo city)."""
    return Org.objects.filter(parent__isnull=True).order_by("sort", "code").first()
