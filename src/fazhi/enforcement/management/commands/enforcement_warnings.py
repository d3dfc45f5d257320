"""`fazhi enforcement-warnings`: the 执法监督预警 scan (services.scan_warnings), meant to run daily from the same
timer as `fazhi remind`. Safe to run twice: a finding already warned opens nothing (one warning per key), and
the second run's count of new warnings is 0."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.enforcement.choices import WarningKind
from fazhi.enforcement.services import scan_warnings


class Command(BaseCommand):
    help = "执法监督预警扫描：生成新的预警（同一事项只预警一次），情形已消除的证件、培训、零执法预警自动关闭（可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--org", help="只扫描该行政区划（机构代码）及其下级，默认全部")
        parser.add_argument("--date", help="以该日为扫描日（YYYY-MM-DD），默认今天")

    def handle(self, *args, **opts):
        scope = None
        if opts["org"]:
            scope = Org.objects.filter(code=opts["org"]).first()
            if scope is None:
                raise CommandError(f"机构代码 {opts['org']} 不存在")
        today = timezone.localdate()
        if opts["date"]:
            try:
                today = dt.date.fromisoformat(opts["date"])
            except ValueError as exc:
                raise CommandError(f"--date 应为 YYYY-MM-DD 格式的日期：{opts['date']}") from exc
        result = scan_warnings(today=today, scope=scope)
        for kind, n in sorted(result.by_kind.items()):
            self.stdout.write(f"{WarningKind(kind).label}：{n} 项")
        self.stdout.write(
            f"扫描日 {today:%Y-%m-%d}：符合预警条件 {result.found} 项，新生成预警 {result.opened} 条，"
            f"自动关闭 {result.closed} 条"
        )
