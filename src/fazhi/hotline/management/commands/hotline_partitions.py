"""`fazhi hotline-partitions`: the year partitions of the 12345 ticket table on PostgreSQL (fazhi.hotline.partitions).

fazhi hotline-partitions              this year's and next year's partitions, created when missing
fazhi hotline-partitions --year 2028  that year's partition
fazhi hotline-partitions --list       the years that have one

Safe to run any number of times (a partition that exists is left alone); meant for a yearly cron in December
(`0 3 1 12 * fazhi hotline-partitions`). A ticket of a year without a partition still lands, in the default
partition: the cron keeps the years apart, correctness does not depend on it. Tickets of the year already in the default partition move
into the new one. On SQLite, which keeps one table, it says so and does nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from fazhi.hotline import partitions


class Command(BaseCommand):
    help = "12345工单按年分区（PostgreSQL）：创建今年和明年（或 --year 指定年份）的分区，已有的不重复创建"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="创建该年份的分区（1900–9998）")
        parser.add_argument("--list", action="store_true", help="列出已有分区的年份")

    def handle(self, *args, year: int | None = None, list: bool = False, **options) -> None:  # noqa: A002
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite 数据库的12345工单为一张表，不分区，无需操作。")
            return
        with connection.cursor() as cursor:
            if not partitions.is_partitioned(cursor):
                raise CommandError("12345工单表尚未分区：请先运行 fazhi migrate（hotline 0008）")
        if list:
            with connection.cursor() as cursor:
                self.stdout.write(" ".join(str(y) for y in partitions.years(cursor)))
            return
        if year is not None and not 1900 <= year <= 9998:
            raise CommandError(f"年份“{year}”超出范围：应在 1900 至 9998 之间")
        with transaction.atomic():
            if year is None:
                created = partitions.ensure_next_year(timezone.localdate())
            else:
                created = [year] if partitions.ensure_year(year) else []
        wanted = [year] if year is not None else [timezone.localdate().year, timezone.localdate().year + 1]
        for y in wanted:
            state = "已创建" if y in created else "已存在"
            self.stdout.write(f"{partitions.partition_name(y)}：{state}")
