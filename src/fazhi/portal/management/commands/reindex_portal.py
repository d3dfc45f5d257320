"""`fazhi reindex-portal [--org CODE] [--check]`: rebuild the public portal's search index from the sections' live
entries (after writes that send no signals, such as bulk imports), or with --check only compare the two and exit
with status 1 when they differ. See fazhi.portal.search."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.portal import search
from fazhi.portal.views import portal_orgs


class Command(BaseCommand):
    help = "重建政务公开门户的全站检索索引；加 --check 只核对索引与已公开内容是否一致"

    def add_arguments(self, parser):
        parser.add_argument("--org", default=None, help="只处理该代码的门户（默认全部）")
        parser.add_argument("--check", action="store_true", help="只核对，不重建；不一致时以状态 1 退出")

    def handle(self, *args, **options):
        orgs = portal_orgs()
        if options["org"]:
            orgs = orgs.filter(code=options["org"])
            if not orgs.exists():
                raise CommandError(f"没有代码为 {options['org']} 的门户（须为启用的行政区划）")
        problems = 0
        for org in orgs:
            if options["check"]:
                diff = search.drift(org)
                problems += len(diff)
                for line in diff[:20]:
                    self.stdout.write(f"{org.name}：{line}")
                if len(diff) > 20:
                    self.stdout.write(f"{org.name}：另有 {len(diff) - 20} 处不一致")
                continue
            written = search.refresh(org, force=True)
            self.stdout.write(f"{org.name}：写入或删除 {written} 条")
        if options["check"]:
            if problems:
                raise CommandError(f"检索索引与已公开内容有 {problems} 处不一致；请运行 fazhi reindex-portal")
            self.stdout.write("检索索引与已公开内容一致")
