"""`fazhi demo` and the case generator: the demo city, a user for each role, three years of cases with the
seeds' mix; the same seed gives the same cases; the bulk (bench) path writes what the services would have."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fazhi.core import numbering
from fazhi.core.choices import OrgKind, Role
from fazhi.core.contract import domain_apps, resolve
from fazhi.core.demoplan import DemoContext
from fazhi.core.models import DictItem, Membership, NumberSequence, Org
from fazhi.demo import city as demo
from fazhi.demo import generator
from fazhi.demo import report as demo_report
from fazhi.indicators.models import PeriodLock
from fazhi.litigation import demo as lit_demo
from fazhi.litigation import rules as lit_rules
from fazhi.litigation.models import LitigationCase, LitigationEvent
from fazhi.reconsideration import demo as recon_demo
from fazhi.reconsideration import services as recon_services
from fazhi.reconsideration.choices import OPEN_STATUSES, Status
from fazhi.reconsideration.demo import CASE_STREAM
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase
from fazhi.reports.builder.services import content_of, gaps_of
from fazhi.reports.models import AnnualReport, AnnualReportStatus

pytestmark = pytest.mark.django_db

DERIVED = ("acceptance_due", "correction_due", "reply_due", "decision_due", "next_due")


def _wipe_cases() -> None:
    LitigationCase.objects.all().delete()
    ReconsiderationCase.objects.all().delete()
    NumberSequence.objects.update(last=0)  # the numbering starts again with the cases (the prefixes stay)


def _fingerprint() -> list[tuple]:
    """Everything a page shows of the generated cases, by case number (ids and timestamps left out)."""
    recon = []
    for c in ReconsiderationCase.objects.order_by("number").prefetch_related(
        "applicants", "suspensions", "hearings", "events"
    ):
        recon.append(
            (
                c.org.code,
                c.number,
                c.respondent.code,
                c.act_type,
                c.act_field,
                c.act_description,
                c.channel,
                c.applicant_summary,
                c.procedure,
                c.status,
                c.received_on,
                c.correction_notice_on,
                c.correction_received_on,
                c.accepted_on,
                c.rejected_on,
                c.copy_received_on,
                c.replied_on,
                c.extension_days,
                c.extension_approved_on,
                c.extension_approver,
                c.decision,
                c.termination_reason,
                c.decided_on,
                c.closed_on,
                c.decision_note,
                *(getattr(c, f) for f in DERIVED),
                c.created_by_id,
                sorted((a.kind, a.name, a.id_number, a.representative) for a in c.applicants.all()),
                [(s.started_on, s.resumed_on, s.reason) for s in c.suspensions.all()],
                [(h.kind, h.held_on, h.note) for h in c.hearings.all()],
                [
                    (e.kind, e.on, e.note, e.actor_id)
                    for e in sorted(c.events.all(), key=lambda e: (e.on, e.id))
                ],
            )
        )
    lit = []
    for c in LitigationCase.objects.order_by("court", "case_number").prefetch_related("hearings", "events"):
        lit.append(
            (
                c.org.code,
                c.defendant.code,
                c.court,
                c.case_number,
                c.stage,
                c.plaintiff,
                c.act_type,
                c.act_description,
                c.reconsideration.number if c.reconsideration else None,
                c.status,
                c.complaint_received_on,
                c.answer_due,
                c.answered_on,
                c.result,
                c.judged_on,
                c.lost,
                c.appealed,
                c.closed_on,
                c.head_appeared,
                c.hearing_count,
                c.first_hearing_on,
                c.created_by_id,
                [
                    (h.held_on, h.appearance, h.appearing_person, h.appearing_title, h.absence_reason)
                    for h in c.hearings.all()
                ],
                [
                    (e.kind, e.on, e.note, e.actor_id)
                    for e in sorted(c.events.all(), key=lambda e: (e.on, e.id))
                ],
            )
        )
    return recon + lit


@pytest.fixture
def city(db):
    city = demo.load_org_tree()
    demo.create_users("demo-pass-1234")
    return city


# The demo's years come from today: the test runs on fixed days (the second of January: this year has just
# begun; mid-year) instead of the real today, so it passes on any day it is run.
@pytest.mark.parametrize("on", [dt.date(2026, 1, 2), dt.date(2026, 7, 15)], ids=str)
def test_demo_command_loads_city_users_and_three_years_of_cases(monkeypatch, on):
    with time_machine.travel(
        dt.datetime(on.year, on.month, on.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    ):
        check_demo_command(monkeypatch)


def check_demo_command(monkeypatch):
    monkeypatch.setenv("FAZHI_DEMO_PASSWORD", "first-pass-123")
    out = StringIO()
    call_command("demo", "--no-serve", "--scale", "0.35", stdout=out)
    text = out.getvalue()

    # The org tree: a fictional city (codes 99…, no real GB/T 2260 province) with counties, townships, units.
    city = Org.objects.get(code=demo.CITY.code)
    assert (
        city.kind == OrgKind.CITY
        and numbering.prefix(city, "reconsideration") == "澜府复"
        and city.parent is None
    )
    counties = Org.objects.filter(parent=city, kind=OrgKind.COUNTY)
    assert 4 <= counties.count() <= 6
    assert all(
        NumberSequence.objects.filter(org=c, app="reconsideration").exclude(prefix="") for c in counties
    )
    assert Org.objects.filter(kind=OrgKind.TOWNSHIP, parent__in=counties).count() >= 3
    assert not Org.objects.exclude(code__startswith="99").exists()
    for j in [city, *counties]:
        units = Org.objects.filter(parent=j, kind=OrgKind.UNIT)
        assert {"司法局", "公安局", "自然资源局", "市场监督管理局"} <= {u.name[len(j.name) :] for u in units}
        assert all(u.unit_type for u in units)
    for category in (demo.DICT_ENFORCEMENT_FIELD, demo.DICT_CHANNEL, demo.DICT_UNIT_TYPE):
        assert DictItem.objects.filter(category=category).count() >= 4
    assert set(
        DictItem.objects.filter(category=demo.DICT_ENFORCEMENT_FIELD).values_list("label", flat=True)
    ) >= {"公安", "自然资源", "市场监管", "其他"}

    # A user for every role; the password printed works for all of them.
    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("first-pass-123")
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    clerks = Membership.objects.filter(role=Role.CLERK)
    assert clerks.values("org").distinct().count() >= 2 and all(m.org.kind == OrgKind.UNIT for m in clerks)
    assert Membership.objects.filter(role=Role.OFFICE, org__kind=OrgKind.COUNTY).exists()
    assert "admin" in text and "first-pass-123" in text
    for spec in demo.DEMO_USERS:
        assert spec.username in text
        assert User.objects.get(username=spec.username).check_password("first-pass-123")

    # Three years of cases: the last two full years and this year to date.
    today = timezone.localdate()
    years = {today.year - 2, today.year - 1, today.year}
    full_years = {today.year - 2, today.year - 1}  # on 2 January this year may have no case yet
    assert full_years <= set(ReconsiderationCase.objects.values_list("year", flat=True)) <= years
    assert (
        full_years
        <= {d.year for d in LitigationCase.objects.values_list("complaint_received_on", flat=True)}
        <= years
    )
    assert not ReconsiderationCase.objects.filter(received_on__gt=today).exists()

    # Volumes and rates like the seed reports (rates over the three years: a year at this scale is small).
    s = generator.summary(today)
    for year in years:
        # scale 0.35 of ~300 applications and ~170 suits a year; this year only to date
        share = (today.timetuple().tm_yday / 365) if year == today.year else 1
        assert 60 * share - 5 <= s.get(year, {}).get("recon_received", 0) <= 180 * share + 5
        assert 30 * share - 5 <= s.get(year, {}).get("lit_first", 0) <= 110 * share + 5
    total = {k: sum(s.get(y, {}).get(k, 0) for y in years) for k in s[today.year - 1]}
    assert 0.08 <= total["recon_corrected"] / total["recon_decided"] <= 0.25  # 纠错率
    assert 0.10 <= total["recon_mediated"] / total["recon_decided"] <= 0.25  # 调解和解率
    assert 0.03 <= total["recon_rejected"] / total["recon_received"] <= 0.15
    assert total["recon_suspended"] > 0 and total["recon_extended"] > 0
    assert 0.85 <= total["lit_head"] / total["lit_heard"] <= 0.99  # 负责人出庭应诉率
    assert 0.03 <= total["lit_lost"] / total["lit_judged"] <= 0.15  # 败诉率
    assert 0.08 <= total["lit_after_recon"] / total["lit_first"] <= 0.30  # 经复议后起诉
    # Recent cases are still open, some overdue or due within a week (the dashboard has work to show).
    open_cases = ReconsiderationCase.objects.filter(status__in=OPEN_STATUSES)
    assert open_cases.exists()
    assert open_cases.filter(next_due__lte=today + dt.timedelta(days=7)).exists()

    # Written through the services: events and history, dated on the step's day.
    case = ReconsiderationCase.objects.filter(status=Status.CLOSED).order_by("id").first()
    assert case.events.count() >= 4
    created = case.history.get(history_type="+")
    assert timezone.localtime(created.history_date).date() == case.received_on
    assert created.history_user is not None
    assert timezone.localtime(case.created_at).date() == case.received_on

    # Last year's report, as its author would finish it: gaps written (as demo prose), signed, numbered by the
    # office's numbering and published; the year's figures locked; the portal shows the report and the figures.
    last = today.year - 1
    report = AnnualReport.objects.get(org=city, year=last)
    assert report.status == AnnualReportStatus.PUBLISHED and report.signer == demo_report.SIGNER
    assert report.signed_on <= report.published_on <= min(today, dt.date(today.year, 3, 31))
    assert report.doc_number.endswith(f"〔{report.signed_on.year}〕1号"), report.doc_number
    content = content_of(report)
    assert not gaps_of(content) and demo_report.DEMO_MARK in "".join(content.sections.values())
    assert PeriodLock.objects.filter(org=city, year=last).exists() and report.figures.exists()
    assert f"年度报告：{report.title}（{report.doc_number}）" in text
    portal = Client()
    page = portal.get(f"/gk/{city.code}/reports/").content.decode()
    assert report.title in page and report.doc_number in page and "尚无公开的年度报告" not in page
    page = portal.get(f"/gk/{city.code}/data/").content.decode()
    assert f"{city.name}{last}年度法治政府建设指标" in page and "尚无已公开年度的指标数据" not in page
    data = portal.get(f"/gk/{city.code}/data/", {"year": last, "format": "json"}).json()
    assert data["year"] == last and len(data["figures"]) > 10

    # Running it again keeps the data and only changes the password.
    n = ReconsiderationCase.objects.count()
    monkeypatch.setenv("FAZHI_DEMO_PASSWORD", "second-pass-456")
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert ReconsiderationCase.objects.count() == n
    assert User.objects.get(username="fzb").check_password("second-pass-456")
    assert "second-pass-456" in out.getvalue()


def test_same_seed_same_cases_and_bulk_path_writes_what_the_services_write(city):
    today = timezone.localdate()
    generator.generate(scale=0.15, seed=7, today=today)
    through_services = _fingerprint()
    assert len(through_services) > 100
    assert CaseEvent.objects.exists() and LitigationEvent.objects.exists()

    _wipe_cases()
    generator.generate(scale=0.15, seed=7, today=today, bulk=True, batch=97)
    assert _fingerprint() == through_services

    _wipe_cases()
    generator.generate(scale=0.15, seed=7, today=today, bulk=True)
    assert _fingerprint() == through_services

    _wipe_cases()
    generator.generate(scale=0.15, seed=8, today=today, bulk=True)
    assert _fingerprint() != through_services


def _stamps() -> list[tuple]:
    """When each generated case, event and history row says it was written (what _fingerprint leaves out)."""
    out: list[tuple] = []
    for model in (ReconsiderationCase, LitigationCase):
        for c in model.objects.order_by("id").prefetch_related("events"):
            out.append((c.created_at, [(e.kind, e.created_at) for e in c.events.order_by("id")]))
            out.append(tuple(c.history.order_by("history_id").values_list("history_date", "history_type")))
    return out


def _through_the_app_plans(today: dt.date, *, seed: int, scale: float, bulk: bool = False) -> list[str]:
    """The cases written by the 复议 and 应诉 apps' own demo plans, found through the app contract as `fazhi demo`
    runs them (generator.load_plans), each with its DemoContext and the run's one CaseStream."""
    root = Org.objects.get(code=demo.CITY.code)
    stream = generator.CaseStream(generator.world(root), seed=seed, scale=scale, today=today, bulk=bulk)
    lines = []
    for cfg in domain_apps():
        if cfg.label in ("reconsideration", "litigation"):
            ctx = DemoContext(
                root=root,
                today=today,
                seed=seed,
                label=cfg.label,
                scale=scale,
                bulk=bulk,
                shared={CASE_STREAM: stream},
            )
            lines.append(resolve(cfg.demo_plan)(ctx))
    return lines


def test_the_case_plans_are_the_apps_demo_plans_and_write_what_the_one_stream_writes(city):
    """Issue 9 §6: 行政复议 and 行政应诉 are each their app's demo plan (`demo_plan`), run first, and writing them app
    by app gives the very rows (and stamps) of the one stream they are planned from: a 复议 case's suit after it
    (复议后起诉) comes from the same random draws."""
    with_plans = [cfg.label for cfg in domain_apps() if cfg.demo_plan]
    assert with_plans[:2] == ["reconsideration", "litigation"]
    assert resolve(apps.get_app_config("reconsideration").demo_plan) is recon_demo.load
    assert resolve(apps.get_app_config("litigation").demo_plan) is lit_demo.load

    today = dt.date(2025, 11, 20)
    with time_machine.travel(dt.datetime(2025, 11, 20, 15, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        stats = generator.generate(scale=0.1, seed=5, today=today)
        in_one_stream, stamps = _fingerprint(), _stamps()
        assert LitigationCase.objects.filter(reconsideration__isnull=False).exists()

        _wipe_cases()
        lines = _through_the_app_plans(today, seed=5, scale=0.1)
    assert lines == [f"行政复议案件 {stats.recon_cases:,} 件", f"行政应诉案件 {stats.lit_cases:,} 件"]
    assert _fingerprint() == in_one_stream
    assert _stamps() == stamps

    _wipe_cases()
    _through_the_app_plans(today, seed=5, scale=0.1, bulk=True)
    assert _fingerprint() == in_one_stream

    # The plans need the run's stream: alone, a 复议 plan would draw its cases without their suits.
    ctx = DemoContext(root=city, today=today, seed=5, label="reconsideration", scale=0.1)
    with pytest.raises(LookupError, match=CASE_STREAM):
        recon_demo.load(ctx)


def test_bench_path_derived_fields_are_what_the_services_compute(city):
    today = timezone.localdate()
    scale = 2000 / generator.expected_cases(1.0, today)
    stats = generator.generate(scale=scale, seed=3, today=today, bulk=True, batch=500)
    assert 1700 <= stats.cases <= 2300
    assert stats.cases == ReconsiderationCase.objects.count() + LitigationCase.objects.count()
    assert not stats.history

    for case in ReconsiderationCase.objects.prefetch_related("suspensions"):
        stored = {f: getattr(case, f) for f in DERIVED}
        recon_services.recompute_deadlines(case, suspensions=list(case.suspensions.all()))
        assert stored == {f: getattr(case, f) for f in DERIVED}, case.number
        assert case.history.count() == 0  # bench scale writes no history rows
    assert ReconsiderationCase.objects.filter(status__in=OPEN_STATUSES, next_due__isnull=False).exists()

    for case in LitigationCase.objects.prefetch_related("hearings"):
        hearings = list(case.hearings.all())
        assert (
            case.answer_due
            == lit_rules.answer_deadline(
                type(
                    "Facts", (), {"answered_on": None, "complaint_received_on": case.complaint_received_on}
                )()
            ).due
        )
        assert case.lost == (bool(case.result) and lit_rules.is_loss(case.result))
        assert case.hearing_count == len(hearings)
        assert case.first_hearing_on == min((h.held_on for h in hearings), default=None)
        assert case.head_appeared == any(lit_rules.is_head_appearance(h.appearance) for h in hearings)
        if case.reconsideration_id:
            assert case.reconsideration.decided_on or case.reconsideration.rejected_on
            assert case.complaint_received_on > (
                case.reconsideration.decided_on or case.reconsideration.rejected_on
            )

    # New cases get the next numbers and ids after a bulk load (sequences were reset).
    org = Org.objects.get(code=demo.CITY.code)
    admin = get_user_model().objects.get(username="fuyi")
    unit = Org.objects.get(code=demo.unit_code(demo.CITY.code, "public_security"))
    new = recon_services.register_application(
        actor=admin,
        org=org,
        respondent=unit,
        received_on=today,
        applicants=[{"name": "张三"}],
        act_type="penalty",
        act_description="对张三作出的罚款500元的行政处罚决定",
    )
    assert new.seq == ReconsiderationCase.objects.filter(org=org, year=today.year).count()


def test_the_demo_authors_prose_asserts_no_figure():
    """The gaps are written in words; every figure of the report comes from the records."""
    texts = [*demo_report.BY_TOPIC.values(), *(t for _, t in demo_report.BY_WORDS)]
    texts += [demo_report.prose("“深化行政复议体制改革”方面的工作情况"), demo_report.prose("没有见过的空白")]
    for text in texts:
        assert not any(ch.isdigit() for ch in text), text
        assert demo_report.DEMO_MARK in demo_report.prose("没有见过的空白")
    assert demo_report.prose("产生不足的原因").startswith(demo_report.DEMO_MARK + "究其原因")
