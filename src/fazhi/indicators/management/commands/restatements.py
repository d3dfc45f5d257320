"""`fazhi restatements --org CODE --year YYYY`: compare a published (locked) year with the live figures and log
each difference in the 更正记录 (restatement log); safe to run any number of times."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Org
from fazhi.indicators.locks import differences, display, get_lock, refresh_restatements


class Command(BaseCommand):
    help = "核对已发布年度数据与当前数据，记录更正：fazhi restatements --org CODE --year YYYY [--json]"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="机构代码")
        parser.add_argument("--year", type=int, required=True, help="已发布锁定的年度")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **opts):
        org = Org.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"机构代码 {opts['org']} 不存在")
        lock = get_lock(org, opts["year"])
        if lock is None:
            raise CommandError(f"{org.name}{opts['year']}年度数据尚未发布锁定")
        created = refresh_restatements(lock=lock)
        diffs = differences(lock, with_changes=False)
        if opts["json"]:
            payload = {
                "org": org.code,
                "year": lock.year,
                "new_entries": len(created),
                "differences": [
                    {"key": d.key, "published": d.published.as_dict(), "current": d.current.as_dict()}
                    for d in diffs
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{org.name}（{org.code}）{lock.year}年度，发布锁定于 {lock.locked_at:%Y-%m-%d %H:%M}"
        )
        if not diffs:
            self.stdout.write("  当前数据与发布数一致")
        for d in diffs:
            self.stdout.write(
                f"  {d.name} [{d.key}]：发布 {d.published.display()}，现为 {d.current.display()}"
            )
        units = dict(lock.values.values_list("key", "unit"))
        for r in created:
            unit = units.get(r.key, "count")
            self.stdout.write(
                f"  新增更正记录：{r.key} 发布 {display(r.published_value, unit)} → 现 {display(r.current_value, unit)}，"
                f"涉及 {len(r.changes)} 条记录变动"
            )
        self.stdout.write(f"新增更正记录 {len(created)} 条")
