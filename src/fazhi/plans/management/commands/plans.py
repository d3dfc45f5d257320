from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.plans import services
from fazhi.plans.linking import link_target
from fazhi.plans.parsing import NotAPlan, parse_plan, read_text


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "工作要点：fazhi plans import 文件 --org 机构代码 [--year 年度] [--dry-run] [--json]"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="从 .docx/.pdf/.txt 原文导入工作要点")
        imp.add_argument("file")
        imp.add_argument("--org", required=True, help="所属行政区划的机构代码")
        imp.add_argument("--year", type=int, help="年度（默认从标题识别）")
        imp.add_argument("--user", help="以该用户身份导入（默认：系统管理员）")
        imp.add_argument("--dry-run", action="store_true", help="只识别，不写入")
        imp.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        org = Org.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"机构代码 {opts['org']} 不存在")
        try:
            parsed = parse_plan(read_text(path.read_bytes(), path.name), year=opts["year"])
        except (ValueError, NotAPlan) as exc:
            raise CommandError(str(exc)) from exc
        for t in parsed.tasks:
            for x in t.targets:
                x.indicator = x.indicator or link_target(x.text, x.op, x.unit)
        out = parsed.as_json()
        if opts["year"]:
            out["year"] = opts["year"]
        unmatched_all = []
        for task, t in zip(out["tasks"], parsed.tasks, strict=True):
            leads, um1 = services.resolve_units(org, t.lead_units)
            units, um2 = services.resolve_units(org, t.units)
            task["lead_orgs"] = [o.code for o in leads]
            task["unit_orgs"] = [o.code for o in units]
            task["unmatched"] = um1 + um2
            unmatched_all += um1 + um2
        user = self._user(opts["user"])
        try:
            with transaction.atomic():
                plan = services.import_plan(
                    actor=user,
                    org=org,
                    parsed=parsed,
                    year=opts["year"],
                    source_name=path.name,
                    on=timezone.localdate(),
                )
                out["id"] = plan.pk
                if opts["dry_run"]:
                    raise _DryRun
        except _DryRun:
            out["id"] = None
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("；".join(getattr(exc, "messages", [str(exc)]))) from exc
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        n_targets = sum(len(t["targets"]) for t in out["tasks"])
        linked = sum(1 for t in out["tasks"] for x in t["targets"] if x["indicator"])
        self.stdout.write(
            f"{out['title']}（{out['doc_number'] or '无文号'}）：{out['parts']} 个部分、{len(out['tasks'])} 项任务、"
            f"量化目标 {n_targets} 个（对应指标 {linked} 个）"
            + ("；未对应的单位：" + "、".join(dict.fromkeys(unmatched_all)) if unmatched_all else "")
            + ("（预览，未写入）" if opts["dry_run"] else "，已导入")
        )

    def _user(self, username):
        users = get_user_model().objects.filter(is_active=True)
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("id").first()
        )
        if user is None:
            raise CommandError(
                f"用户 {username} 不存在" if username else "没有系统管理员：请用 --user 指定导入人"
            )
        return user
