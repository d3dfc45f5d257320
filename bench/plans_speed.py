"""工作要点 at scale: the share list page, a plan's page, the plans figures and the due-date list over many shares.

Volume: a city's plan has ~30 tasks, each divided among ~10 units (~300 shares a year); a province with its
cities and counties holds tens of thousands. This script imports `--plans` plans of `--tasks` tasks each, every
task given to every department of the jurisdiction (市政府各部门), through the parser and the import service,
then times the pages and figures as the office sees them.

    FAZHI_VAR_DIR=/tmp/plans-bench python -m fazhi migrate && python bench/plans_speed.py --plans 5 --tasks 300
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from _setup import summary, timed
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from fazhi.core.due import due_list
from fazhi.core.models import Membership, Org
from fazhi.indicators.registry import Period, compute
from fazhi.plans import services
from fazhi.plans.models import Assignment, WorkPlan
from fazhi.plans.parsing import parse_plan


def plan_text(year: int, tasks: int) -> str:
    lines = [f"澜川市{year}年法治政府建设工作要点"]
    for n in range(1, tasks + 1):
        if n % 30 == 1:
            lines.append(f"{'一二三四五六七八九十'[(n // 30) % 10]}、第{n // 30 + 1}部分")
        lines.append(
            f"{n}. 任务{n}。{(n % 9) + 4}月底前完成，行政执法人员集中培训不少于{n % 3 + 1}次。（责任单位：市政府各部门）"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=5)
    ap.add_argument("--tasks", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if not Org.objects.exists():
        from fazhi.demo import city

        city.load_org_tree()
    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench-office")
    Membership.objects.get_or_create(user=user, org=root, role="office")
    t = time.perf_counter()
    for year in range(2020, 2020 + args.plans):
        if not WorkPlan.objects.filter(org=root, year=year).exists():
            services.import_plan(
                actor=user, org=root, parsed=parse_plan(plan_text(year, args.tasks)), on=dt.date(year, 3, 1)
            )
    n = Assignment.objects.count()
    print(
        f"database: {connection.vendor}; plans {WorkPlan.objects.count()}, shares {n:,} (setup {time.perf_counter() - t:.1f} s)"
    )
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    plan = WorkPlan.objects.filter(org=root).order_by("-year").first()
    for label, url in [
        ("office: share list, first page", "/plans/"),
        ("office: share list, overdue", "/plans/?status=overdue"),
        ("office: plans list", "/plans/plans/"),
        (f"office: one plan's page ({args.tasks} tasks)", f"/plans/plans/{plan.pk}/"),
    ]:
        assert c.get(url).status_code == 200, url
        print(summary(label, timed(lambda u=url: c.get(u), args.repeat), 500))
    keys = ["plans.tasks", "plans.tasks_done", "plans.task_completion_rate", "plans.overdue", "plans.urged"]
    print(
        summary(
            "plans figures of the city, one year",
            timed(lambda: compute(root, Period.year(plan.year), keys), args.repeat),
        )
    )
    print(
        summary(
            "due list (overdue, first 50)",
            timed(lambda: due_list(user, "overdue", timezone.localdate(), 50), args.repeat),
        )
    )


if __name__ == "__main__":
    main()
