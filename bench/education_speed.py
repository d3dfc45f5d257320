"""学法用法, 普法, 依申请公开 and 建议提案 at scale: list pages and figures over N records each, and the 政府信息
公开工作年度报告 tables (table 三 by applicant class, table 四).

    python bench/education_speed.py [--rows 100000] [--repeat 20]

Rows are bulk-inserted (no services, no history: this measures reads) into a throwaway SQLite database under /tmp
(or the PostgreSQL FAZHI_DATABASE_URL names, which must be empty of these records), spread over the demo's
orgs if `fazhi demo` loaded them, else over a small tree made here, and over three years. Volumes for a sense of
scale: a prefecture-level city answers a few hundred to a few thousand 依申请公开 applications a year; its units
hold a few thousand 普法 activities and study sessions; the rows default to far more than that."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile

if not os.environ.get("FAZHI_DATABASE_URL") and not os.environ.get("FAZHI_VAR_DIR"):
    os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-education-")

from _setup import django, summary, timed  # noqa: E402,F401  (Django set up on import)
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from fazhi.core.choices import OrgKind  # noqa: E402
from fazhi.core.models import Membership, Org  # noqa: E402
from fazhi.disclosure.choices import Answer, ApplicantClass, Channel, Status  # noqa: E402
from fazhi.disclosure.models import Application  # noqa: E402
from fazhi.disclosure.selectors import report_tables  # noqa: E402
from fazhi.education.choices import SessionKind  # noqa: E402
from fazhi.education.models import StudySession  # noqa: E402
from fazhi.indicators.registry import Period, compute  # noqa: E402
from fazhi.proposals.models import Proposal  # noqa: E402
from fazhi.publicity.choices import ActivityKind  # noqa: E402
from fazhi.publicity.models import Activity, Duty  # noqa: E402

KEYS = [
    "study.leader_sessions",
    "study.lectures",
    "study.court_observations",
    "publicity.events",
    "publicity.audience",
    "disclosure.applications_received",
    "disclosure.on_time_rate",
    "disclosure.answers_withheld",
    "supervision.suggestion_completion_rate",
]


def orgs() -> tuple[Org, list[tuple[Org, Org]]]:
    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    if root is None:
        root = Org.objects.create(
            code="990100", name="青城市人民政府", kind=OrgKind.CITY, short_name="青城市"
        )
        for i in range(20):
            Org.objects.create(code=f"990100{i:02d}", name=f"青城市第{i}局", kind=OrgKind.UNIT, parent=root)
    units = [(u.jurisdiction(), u) for u in Org.objects.filter(kind=OrgKind.UNIT, path__startswith=root.path)]
    return root, units


def fill(n: int, units: list[tuple[Org, Org]]) -> None:
    rng = random.Random(15)
    year0 = timezone.localdate().year - 2
    days = [dt.date(year0, 1, 1) + dt.timedelta(d) for d in range(3 * 365)]
    sessions, activities, apps, proposals = [], [], [], []
    for i in range(n):
        org, unit = rng.choice(units)
        day = rng.choice(days)
        sessions.append(
            StudySession(org=org, unit=unit, kind=rng.choice(SessionKind.values), title="学法", held_on=day)
        )
        activities.append(
            Activity(
                org=org,
                unit=unit,
                kind=rng.choice(ActivityKind.values),
                title="普法",
                held_on=day,
                place="广场",
                audience=rng.randint(10, 500),
            )
        )
        answered = day + dt.timedelta(days=rng.randint(5, 40)) if rng.random() < 0.95 else None
        due = day + dt.timedelta(days=28)
        apps.append(
            Application(
                org=org,
                unit=unit,
                number=f"B{i}",
                applicant="申请人",
                applicant_class=rng.choice(ApplicantClass.values),
                content="内容",
                channel=Channel.ONLINE,
                received_on=day,
                due_on=due,
                answered_on=answered,
                answer=rng.choice(Answer.values) if answered else "",
                status=Status.ANSWERED if answered else Status.PENDING,
                on_time=(answered <= due) if answered else None,
            )
        )
        if i < n // 10:
            proposals.append(
                Proposal(
                    org=org,
                    unit=unit,
                    kind="npc",
                    number=str(i),
                    session="会议",
                    title="建议",
                    proposer="代表",
                    assigned_on=day,
                    due_on=day + dt.timedelta(days=90),
                )
            )
    for model, rows in (
        (StudySession, sessions),
        (Activity, activities),
        (Application, apps),
        (Proposal, proposals),
    ):
        model.objects.bulk_create(rows, batch_size=5000)
    for org, unit in units:
        Duty.objects.create(org=org, unit=unit, year=year0 + 2, item="普法", required=5)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    call_command("migrate", verbosity=0)
    root, units = orgs()
    if not Application.objects.filter(number__startswith="B").exists():
        fill(args.rows, units)
    user, _ = get_user_model().objects.get_or_create(username="bench-office")
    Membership.objects.get_or_create(user=user, org=root, role="office")
    year = timezone.localdate().year - 1
    print(
        f"database: {connection.vendor}; study sessions {StudySession.objects.count():,}, activities "
        f"{Activity.objects.count():,}, applications {Application.objects.count():,}, proposals "
        f"{Proposal.objects.count():,}"
    )
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    for label, url in [
        ("学法活动 first page", "/education/"),
        ("普法活动 first page", "/publicity/"),
        ("依申请公开 first page", "/disclosure/"),
        ("依申请公开 overdue filter", "/disclosure/?due=overdue"),
        ("建议提案 first page", "/proposals/"),
        ("普法责任清单 (completion per unit)", f"/publicity/duties/?year={year + 1}"),
    ]:
        assert c.get(url).status_code == 200, url
        print(summary(label, timed(lambda u=url: c.get(u), args.repeat), 100))
    period = Period.year(year)
    print(
        summary(
            f"{len(KEYS)} figures of the city, one year",
            timed(lambda: compute(root, period, KEYS), args.repeat),
            500,
        )
    )
    print(
        summary(
            "年度报告 tables 三/四 (selector)", timed(lambda: report_tables(root, year), args.repeat), 500
        )
    )
    url = f"/disclosure/report/?org={root.pk}&year={year}&format=xlsx"
    print(
        summary("年度报告 tables as .xlsx (page)", timed(lambda: c.get(url), max(3, args.repeat // 4)), 1000)
    )


if __name__ == "__main__":
    main()
