from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Org
from fazhi.indicators.registry import Period, compute


class Command(BaseCommand):
    help = "计算指定机构、年度（或期间）的指标：fazhi indicators [--org CODE] --year YYYY [--json]"

    def add_arguments(self, parser):
        parser.add_argument("--org", help="机构代码（默认：最上级行政区划）")
        parser.add_argument("--year", type=int, help="年度，如 2024")
        parser.add_argument("--period", help="期间：2024、2024Q3、2024-05 或 2024-01-01..2024-06-30")
        parser.add_argument("--key", action="append", dest="keys", help="只计算这些指标（可重复）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument(
            "--rebuild-summary",
            action="store_true",
            help="按记录重新生成各指标的机构月度汇总（indicators.summary；平时随写入自动维护）",
        )

    def handle(self, *args, **opts):
        if opts["rebuild_summary"]:
            import time

            from fazhi.indicators import summary

            started = time.perf_counter()
            n = summary.rebuild()
            self.stdout.write(
                f"已重新生成 {n} 项指标口径的机构月度汇总，用时 {time.perf_counter() - started:.1f} 秒"
            )
            return
        if opts["org"]:
            org = Org.objects.filter(code=opts["org"]).first()
            if org is None:
                raise CommandError(f"机构代码 {opts['org']} 不存在")
        else:
            org = Org.objects.filter(parent__isnull=True).order_by("sort", "code").first()
            if org is None:
                raise CommandError("数据库中没有任何机构：请先运行 fazhi demo 或导入组织机构")
        if not opts["year"] and not opts["period"]:
            raise CommandError("请用 --year 指定年度（或用 --period 指定期间）")
        try:
            period = Period.parse(opts["period"] or str(opts["year"]))  # years outside 1949..2100 refused
            values = compute(org, period, opts["keys"])
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        label = str(opts["year"]) if opts["year"] and not opts["period"] else opts["period"]
        if opts["json"]:
            payload = {
                "org": org.code,
                "period": label,
                "indicators": {k: v.as_dict() for k, v in values.items()},
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{org.name}（{org.code}） {period.label}")
        for v in values.values():
            extra = f"  = {v.numerator}/{v.denominator}" if v.denominator is not None else ""
            self.stdout.write(f"  {v.name:<28} {v.display():>12}{extra}   [{v.key}]")
