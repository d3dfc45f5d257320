"""`fazhi export APP --out FILE [--org CODE] [--year YYYY] [--user USERNAME]`.

Writes the records the user may read, with the import template's columns (re-imports cleanly)."""

from __future__ import annotations

from importlib import import_module

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.exporting import write_export
from fazhi.core.importing import importer_apps
from fazhi.core.models import Org

# The sibling command module is named "import", a keyword, so it is loaded by name.
_import_command = import_module("fazhi.core.management.commands.import")
resolve_user, app_help = _import_command.resolve_user, _import_command.app_help


class Command(BaseCommand):
    help = "把案件导出为 Excel（与导入模板的列相同）"

    def add_arguments(self, parser):
        parser.add_argument("app", choices=importer_apps(), help=app_help())
        parser.add_argument("--out", required=True, help="输出的 .xlsx 文件")
        parser.add_argument("--org", help="只导出该机构（代码）及其下级的案件")
        parser.add_argument("--year", type=int, help="只导出该年度的案件")
        parser.add_argument(
            "--user", dest="username", help="以该用户的查看范围导出（默认：第一个超级管理员）"
        )

    def handle(
        self, *args, app: str, out: str, org: str | None, year: int | None, username: str | None, **options
    ):
        user = resolve_user(username, self.stdout)
        org_obj = None
        if org:
            org_obj = Org.objects.filter(code=org).first()
            if org_obj is None:
                raise CommandError(f"机构代码「{org}」不存在")
        if not out.lower().endswith(".xlsx"):
            raise CommandError("--out 应为 .xlsx 文件")
        count = write_export(user, app, out, org=org_obj, year=year)
        self.stdout.write(self.style.SUCCESS(f"导出完成：{count} 条 → {out}"))
