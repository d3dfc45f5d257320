"""Import speed: our machinery vs django-import-export on the same 行政复议 file, side by side, in one run.

    python bench/import_speed.py [--rows 100000] [--die-rows 10000] [--file F.xlsx]

Both sides read the same .xlsx (made by bench/generate_import_file.py, deterministic) and write the same
records into an empty database: the case with its derived fields (status, number, due dates through
services.recompute_deadlines), its "+" history row naming the user and the reason "导入", the applicants
with their history, and the timeline events. Ours: fazhi.core.importing.import_file (calamine, validate all,
one transaction, bulk writes). Theirs: an import_export ModelResource with the same columns and hooks,
`import_data(dataset, dry_run=False, use_transactions=True)` after `tablib` has loaded the file.

django-import-export saves row by row; on 100k rows it takes many minutes, so by default it runs on the
first --die-rows rows of the same file (its reading time pro-rated) and the output says so. Rates are
rows per second, end to end (reading the file included) and for the import step alone.

Database: a throwaway SQLite file under /tmp (FAZHI_VAR_DIR), or the PostgreSQL FAZHI_DATABASE_URL names
(it must hold no reconsideration cases: the bench empties those tables between the two sides)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time

THROWAWAY = None
if not os.environ.get("FAZHI_DATABASE_URL") and not os.environ.get("FAZHI_VAR_DIR"):
    THROWAWAY = os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-import-")

import generate_import_file as gen  # noqa: E402
from _setup import django  # noqa: E402,F401  (Django set up on import)
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from fazhi.core import numbering  # noqa: E402
from fazhi.core.importing import IMPORT_REASON, import_file, parse_date  # noqa: E402
from fazhi.core.models import Org  # noqa: E402
from fazhi.demo.city import load_dictionaries  # noqa: E402
from fazhi.law.choices import ActType  # noqa: E402
from fazhi.law.models import HolidayDay, HolidayYear  # noqa: E402
from fazhi.reconsideration import services  # noqa: E402
from fazhi.reconsideration.choices import (  # noqa: E402
    ApplicantKind,
    Decision,
    Procedure,
    Status,
    TerminationReason,
)
from fazhi.reconsideration.models import Applicant, CaseEvent, ReconsiderationCase  # noqa: E402
from fazhi.reconsideration.rules import timeline  # noqa: E402

TABLES = [
    CaseEvent,
    Applicant.history.model,
    Applicant,
    ReconsiderationCase.history.model,
    ReconsiderationCase,
]


def empty_tables() -> None:
    with connection.cursor() as cursor:
        for model in TABLES:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def counts() -> tuple[int, int, int, int, int]:
    return tuple(m.objects.count() for m in reversed(TABLES))  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------------------
# django-import-export: a ModelResource with the same columns and the same derived fields


def die_resource(user):
    from import_export import fields, resources, widgets

    class LabelChoice(widgets.Widget):
        def __init__(self, choices, default=""):
            super().__init__()
            self.map = {str(label): value for value, label in choices.choices}
            self.default = default

        def clean(self, value, row=None, **kwargs):
            if value in (None, ""):
                return self.default
            return self.map[str(value).strip()]

    class Date(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return None if value in (None, "") else parse_date(value)

    class Text(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return "" if value is None else str(value).strip()

    class Int0(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return 0 if value in (None, "") else int(value)

    def f(attr, header, widget=None):
        return fields.Field(attribute=attr, column_name=header, widget=widget or Text())

    org_widget = widgets.ForeignKeyWidget(Org, field="name")
    number_re = re.compile(r"〔(\d{4})〕(\d+)号$")

    class ReconsiderationCaseResource(resources.ModelResource):
        number = f("number", "案号")
        org = f("org", "复议机关", org_widget)
        respondent = f("respondent", "被申请人", org_widget)
        act_type = f("act_type", "行为类别", LabelChoice(ActType))
        act_field = f("act_field", "管理领域")
        act_description = f("act_description", "被申请复议的行政行为")
        channel = f("channel", "申请渠道")
        applicant_summary = f("applicant_summary", "申请人")
        applicant_kind = fields.Field(column_name="申请人类型", readonly=True)
        procedure = f("procedure", "审理程序", LabelChoice(Procedure, Procedure.ORDINARY))
        received_on = f("received_on", "收到申请日期", Date())
        correction_notice_on = f("correction_notice_on", "补正通知送达日期", Date())
        correction_received_on = f("correction_received_on", "收到补正材料日期", Date())
        accepted_on = f("accepted_on", "受理日期", Date())
        rejected_on = f("rejected_on", "不予受理日期", Date())
        copy_received_on = f("copy_received_on", "被申请人收到副本日期", Date())
        replied_on = f("replied_on", "答复日期", Date())
        extension_days = f("extension_days", "延长天数", Int0())
        extension_approved_on = f("extension_approved_on", "延期批准日期", Date())
        extension_approver = f("extension_approver", "延期批准人")
        decision = f("decision", "复议决定", LabelChoice(Decision))
        termination_reason = f("termination_reason", "终止原因", LabelChoice(TerminationReason))
        decided_on = f("decided_on", "决定日期", Date())
        closed_on = f("closed_on", "结案日期", Date())
        decision_note = f("decision_note", "决定要旨")

        class Meta:
            model = ReconsiderationCase
            import_id_fields = ("org", "number")  # the unique constraint, so the lookup is an index seek
            fields = (
                "number", "org", "respondent", "act_type", "act_field", "act_description", "channel",
                "applicant_summary", "applicant_kind", "procedure", "received_on", "correction_notice_on",
                "correction_received_on", "accepted_on", "rejected_on", "copy_received_on", "replied_on",
                "extension_days", "extension_approved_on", "extension_approver", "decision",
                "termination_reason", "decided_on", "closed_on", "decision_note",
            )  # fmt: skip

        def before_import(self, dataset, **kwargs):
            # Seqs the file's own numbers claim, so numbers given to blank rows never collide with them.
            self.claimed = set()
            for row in dataset.dict:
                m = number_re.search(row["案号"] or "")
                if m:
                    self.claimed.add((row["复议机关"], int(m.group(1)), int(m.group(2))))
            self.next = {}

        def before_save_instance(self, instance, row, **kwargs):
            c = instance
            c.year = c.received_on.year
            if c.rejected_on:
                c.status, c.closed_on = Status.REJECTED, c.rejected_on
            elif c.decision:
                c.status = Status.CLOSED if c.closed_on else Status.DECIDED
            elif c.accepted_on:
                c.status = Status.HEARING
            elif c.correction_notice_on and not c.correction_received_on:
                c.status = Status.ABANDONED if c.closed_on else Status.CORRECTION
            else:
                c.status = Status.RECEIVED
            m = number_re.search(c.number or "")
            if m and int(m.group(1)) == c.year:
                c.seq = int(m.group(2))
            else:
                key = (c.org.name, c.year)
                row = numbering.sequence(c.org, services.APP, c.year)
                seq = self.next.get(key) or row.last + 1
                while (c.org.name, c.year, seq) in self.claimed:
                    seq += 1
                self.next[key] = seq + 1
                c.seq = seq
                if not c.number:
                    c.number = numbering.format_number(row, c.org, seq)
            c.applicant_summary = "、".join(n.strip() for n in c.applicant_summary.split("、") if n.strip())
            services.recompute_deadlines(c, suspensions=[])
            c.created_by = user
            c._history_user = user
            c._change_reason = IMPORT_REASON

        def after_save_instance(self, instance, row, **kwargs):
            kind = LabelChoice(ApplicantKind, ApplicantKind.PERSON).clean(row.get("申请人类型"))
            for name in instance.applicant_summary.split("、"):
                a = Applicant(case=instance, kind=kind, name=name)
                a._history_user = user
                a._change_reason = IMPORT_REASON
                a.save()
            CaseEvent.objects.bulk_create(
                [
                    CaseEvent(case=instance, kind=k, on=on, note=note, actor=user)
                    for k, on, note in timeline(instance, note=IMPORT_REASON)
                ]
            )

    return ReconsiderationCaseResource()


# --------------------------------------------------------------------------------------------------------


def run_ours(path: str, user) -> tuple[float, int, float]:
    holiday_tables = (HolidayDay._meta.db_table, HolidayYear._meta.db_table)
    queries = {"all": 0, "holidays": 0}

    def count(execute, sql, params, many, context):
        queries["all"] += 1
        queries["holidays"] += any(t in sql for t in holiday_tables)
        return execute(sql, params, many, context)

    t = time.perf_counter()
    with connection.execute_wrapper(count):
        result = import_file("reconsideration", path, user=user)
    seconds = time.perf_counter() - t
    print(f"our import: {queries['all']:,} queries, of which {queries['holidays']:,} on the holiday tables")
    if not result.ok:
        sys.exit("our import failed:\n" + "\n".join(result.messages()[:20]))
    return seconds, result.created, seconds


def run_die(path: str, user, limit: int | None) -> tuple[float, int, float, int]:
    import tablib

    t = time.perf_counter()
    with open(path, "rb") as fh:
        dataset = tablib.Dataset().load(fh.read(), format="xlsx")
    read_seconds = time.perf_counter() - t
    total = len(dataset)
    if limit and limit < total:
        prefix = tablib.Dataset(headers=dataset.headers)
        for row in dataset[:limit]:
            prefix.append(row)
        dataset = prefix
    resource = die_resource(user)
    t = time.perf_counter()
    result = resource.import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
    import_seconds = time.perf_counter() - t
    if result.has_errors() or result.has_validation_errors():
        sys.exit("django-import-export reported errors")
    rows = len(dataset)
    # Reading the whole file is pro-rated to the rows imported.
    return read_seconds * rows / total + import_seconds, rows, import_seconds, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000, help="rows in the file (default 100000)")
    ap.add_argument(
        "--die-rows", type=int, default=10_000, help="rows django-import-export imports (0 = all)"
    )
    ap.add_argument("--file", help="the .xlsx to import (default: generated under /tmp, seeded)")
    args = ap.parse_args()

    path = args.file or os.path.join(tempfile.gettempdir(), f"fazhi-import-bench-{args.rows}.xlsx")
    if not os.path.exists(path):
        t = time.perf_counter()
        gen.write(args.rows, path)
        print(f"generated {path} ({args.rows} rows) in {time.perf_counter() - t:.1f} s")
    call_command("migrate", verbosity=0, skip_checks=True)
    if ReconsiderationCase.objects.exists():
        sys.exit("the database already holds reconsideration cases; the bench needs an empty one")
    gen.ensure_orgs()
    load_dictionaries()  # 申请渠道 and the other 字典 the file's values are checked against
    User = get_user_model()
    user = User.objects.filter(username="bench-importer").first() or User.objects.create_superuser(
        "bench-importer", "bench@example.invalid", None
    )
    size_mb = os.path.getsize(path) / 1024 / 1024
    import fazhi

    print(
        f"code: {os.path.dirname(fazhi.__file__)}; "
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}); file: {path} ({size_mb:.1f} MB)"
    )

    try:
        ours_s, ours_n, _ = run_ours(path, user)
        ours_counts = counts()
        empty_tables()
        die_s, die_n, die_import_s, total = run_die(path, user, args.die_rows or None)
        die_counts = counts()
    finally:
        empty_tables()

    ours_rate = ours_n / ours_s
    die_rate = die_n / die_s
    print()
    print(f"{'':34}{'rows':>9}{'seconds':>10}{'rows/s':>10}")
    print(f"{'fazhi.core.importing (calamine)':34}{ours_n:>9}{ours_s:>10.1f}{ours_rate:>10.0f}")
    print(f"{'django-import-export (tablib)':34}{die_n:>9}{die_s:>10.1f}{die_rate:>10.0f}")
    print(
        f"{'  of which import_data() alone':34}{die_n:>9}{die_import_s:>10.1f}{die_n / die_import_s:>10.0f}"
    )
    if die_n < total:
        print(
            f"(django-import-export ran on the first {die_n} of the {total} rows of the same file; its reading"
        )
        print(" time is the whole file's, pro-rated. Use --die-rows 0 to run it on every row.)")
    print(
        f"records written per {ours_n} rows — ours: cases, case history, applicants, applicant history, events ="
    )
    print(f"  {ours_counts}; django-import-export per {die_n} rows: {die_counts}")
    print(f"ratio (ours / django-import-export, rows/s): {ours_rate / die_rate:.1f}x   (target ≥ 10x)")


if __name__ == "__main__":
    try:
        main()
    finally:
        if THROWAWAY:
            connection.close()
            shutil.rmtree(THROWAWAY, ignore_errors=True)
