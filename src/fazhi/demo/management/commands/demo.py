"""`fazhi demo`: a working Fazhi with a fictional city's data in one command.

Migrates the database (SQLite under ./var/ unless FAZHI_DATABASE_URL says otherwise), loads the demo city
(澜川市: org tree, 字典, one user per role, three years of 行政复议 and 行政应诉 cases) when the database has no
orgs yet, prints the users and a fresh password, then serves on http://127.0.0.1:8000 with the background
worker. Safe to run again: an existing demo database is kept (only the password changes); --reset wipes the
whole database and loads the demo again.
"""

from __future__ import annotations

import os
import time
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.management.commands.serve import ensure_database_dir
from fazhi.core.models import Org
from fazhi.demo import city as demo
from fazhi.demo import generator
from fazhi.demo import report as demo_report

# Above this scale the demo writes through the bulk path (no history rows): replaying every step through
# the services takes about a minute per scale unit.
SERVICE_PATH_MAX_SCALE = 3.0


def _pad(text: str, width: int) -> str:
    """Left-align for a terminal, where a Chinese character takes two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - used)


class Command(BaseCommand):
    help = "加载演示数据（虚构的澜川市）并启动服务"

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="案件数量倍数（默认 1：每年约 300 件复议、200 件应诉）"
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=int(os.environ.get("FAZHI_DEMO_SEED", "2026")),
            help="随机种子：同一种子生成同样的数据",
        )
        parser.add_argument("--no-serve", action="store_true", help="只加载数据，不启动服务")
        parser.add_argument("--port", type=int, default=int(os.environ.get("FAZHI_PORT", "8000")))
        parser.add_argument("--reset", action="store_true", help="清空整个数据库后重新加载演示数据")
        parser.add_argument("--bulk", action="store_true", help="批量写入（快，但不写历史记录）")

    def handle(self, *args, **options):
        if getattr(settings, "ENVIRONMENT", "") == "production":
            raise CommandError("FAZHI_ENV=production：演示数据不能加载到生产环境")
        if options["scale"] <= 0:
            raise CommandError("--scale 必须大于 0")
        out = self.stdout
        db = settings.DATABASES["default"]
        where = (
            db["NAME"]
            if db["ENGINE"].endswith("sqlite3")
            else f"{db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}"
        )
        out.write(f"数据库：{where}")
        ensure_database_dir()
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"]:
            out.write("--reset：清空数据库 …")
            call_command("flush", interactive=False, verbosity=0)

        password = demo.generate_password()
        if Org.objects.exists():
            n = demo.reset_passwords(password)
            if not n:
                out.write(
                    self.style.WARNING(
                        "数据库中已有组织机构但没有演示用户：不加载演示数据，也不修改任何密码（需要演示数据请加 --reset）。"
                    )
                )
                return self._serve(options)
            out.write(
                "数据库中已有演示数据，保留原数据（需要重新生成请加 --reset）；已为演示用户设置新密码。"
            )
        else:
            self._load(options, password)

        self._print_users(password)
        self._serve(options)

    def _load(self, options, password: str) -> None:
        out = self.stdout
        started = time.perf_counter()
        city = demo.load_org_tree()
        demo.create_users(password)
        n_orgs = Org.objects.count()
        out.write(
            f"已创建组织机构：{city.name}及所属县区、乡镇和单位，共 {n_orgs} 个；字典 {len(demo.DICTIONARIES)} 类"
        )
        scale, bulk = options["scale"], options["bulk"] or options["scale"] > SERVICE_PATH_MAX_SCALE
        how = "批量写入（不写历史记录）" if bulk else "逐件通过业务服务办理（含办理过程和历史记录）"
        out.write(f"生成各业务数据：规模 {scale:g}，随机种子 {options['seed']}，{how} …")

        def progress(stats):
            out.write(f"  … {stats.cases:,} 件，{stats.rate():,.0f} 行/秒")

        for name, line in generator.load_plans(
            seed=options["seed"], scale=scale, bulk=bulk, progress=progress
        ):
            out.write(f"{name}：{line}")
        out.write(f"已生成演示数据，用时 {time.perf_counter() - started:.1f} 秒")
        out.write(generator.format_summary(generator.summary()))
        began = time.perf_counter()
        try:
            report = demo_report.publish_last_year()
        except ValidationError as exc:  # the demo stays usable; the reason is printed, not hidden
            report = None
            out.write(self.style.WARNING(f"年度报告未能公开：{'；'.join(exc.messages)}"))
        if report is not None:
            out.write(
                f"年度报告：{report.title}（{report.doc_number}），签发人{report.signer}，"
                f"{report.published_on:%Y-%m-%d}公开，{report.year}年度数据已锁定"
                f"（用时 {time.perf_counter() - began:.1f} 秒）"
            )

    def _print_users(self, password: str) -> None:
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"管理员：admin    密码：{password}"))
        out.write("其他演示用户（密码相同）：")
        for username, name, role, org in demo.demo_users_table():
            if username == "admin":
                continue
            out.write(f"  {username:<10} {_pad(name, 8)}{_pad(role, 14)}{org}")
        if not os.environ.get("FAZHI_DEMO_PASSWORD"):
            out.write("（密码每次运行 fazhi demo 时重新生成；设置 FAZHI_DEMO_PASSWORD 可固定密码）")
        out.write("")

    def _serve(self, options) -> None:
        if options["no_serve"]:
            return
        self.stdout.write(f"打开 http://127.0.0.1:{options['port']}/ 登录；按 Ctrl+C 停止。")
        call_command("serve", port=options["port"], verbosity=options["verbosity"])
