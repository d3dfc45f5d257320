"""Period lock: a published year keeps its figures; later corrections of the records show up as restatement
entries naming the figure, the published and the current value, and the records changed with who and when."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from fazhi.collection import services as collection
from fazhi.indicators.locks import differences, lock_period, published_values, refresh_restatements
from fazhi.indicators.models import PeriodLock, Restatement
from fazhi.indicators.registry import Period, compute
from fazhi.reconsideration.choices import Decision
from tests.factories import decided_case

pytestmark = pytest.mark.django_db

REASON = "2024年度法治政府建设情况报告已发布"


@pytest.fixture
def year_2024(tree, office):
    """Two 2024 cases of the city decided: one 撤销 (纠错), one 维持."""
    decided_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=dt.date(2024, 3, 1),
        decided_on=dt.date(2024, 4, 20),
        decision=Decision.REVOKE,
    )
    decided_case(
        office,
        org=tree.city,
        respondent=tree.unit_b,
        received_on=dt.date(2024, 5, 6),
        decided_on=dt.date(2024, 6, 28),
        decision=Decision.UPHOLD,
    )


def test_lock_snapshots_the_years_figures(tree, office, year_2024):
    lock = lock_period(org=tree.city, year=2024, actor=office, reason=REASON)
    pub = published_values(tree.city, 2024)
    assert pub["reconsideration.concluded"].value == 2
    rate = pub["reconsideration.correction_rate"]
    assert (rate.value, rate.numerator, rate.denominator) == (Decimal("50.0"), 1, 2)
    assert pub["legal_services.notary_cases"].value is None  # 无数据 stays 无数据
    assert set(pub) == set(compute(tree.city, Period.year(2024)))
    assert lock.locked_by == office and lock.history.count() == 1
    assert published_values(tree.city, 2023) == {}
    # locked once: a second publication (the report builder after the page, say) gets the same snapshot
    decided_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=dt.date(2024, 11, 4),
        decided_on=dt.date(2024, 12, 20),
        decision=Decision.ALTER,
    )
    assert lock_period(org=tree.city, year=2024, actor=office, reason="再次公开") == lock
    assert published_values(tree.city, 2024)["reconsideration.concluded"].value == 2
    with pytest.raises(ValidationError, match="发布说明"):
        lock_period(org=tree.city, year=2023, actor=office, reason=" ")


def test_only_the_office_locks_a_jurisdiction(tree, clerk_a, clerk_b, leader, county_office):
    for user in (clerk_a, leader, county_office):
        with pytest.raises(PermissionDenied):
            lock_period(org=tree.city, year=2024, actor=user, reason=REASON)
    assert not PeriodLock.objects.exists()
    # a department's own clerk publishes the department's report, and with it locks the department's year
    with pytest.raises(PermissionDenied):
        lock_period(org=tree.unit_a, year=2024, actor=clerk_b, reason="部门报告已公开")
    assert lock_period(org=tree.unit_a, year=2024, actor=clerk_a, reason="部门报告已公开").org == tree.unit_a


def test_a_correction_after_the_lock_is_a_restatement_entry(tree, office, year_2024):
    lock = lock_period(org=tree.city, year=2024, actor=office, reason=REASON)
    # casework goes on: a 2024 case registered late and decided 变更 (纠错)
    late = decided_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=dt.date(2024, 11, 4),
        decided_on=dt.date(2024, 12, 20),
        decision=Decision.ALTER,
        applicant="王五",
    )
    assert (
        compute(tree.city, Period.year(2024), ["reconsideration.concluded"])[
            "reconsideration.concluded"
        ].value
        == 3
    )
    assert (
        published_values(tree.city, 2024)["reconsideration.concluded"].value == 2
    )  # never silently rewritten

    created = {r.key: r for r in refresh_restatements(lock=lock, actor=office)}
    r = created["reconsideration.concluded"]
    assert (r.published_value, r.current_value) == (2, 3)
    change = next(c for c in r.changes if c["id"] == late.pk)
    assert (
        change["movement"] == "新计入"
        and change["who"] == str(office) == "林晓燕"
        and change["label"] == late.number
    )
    rate = created["reconsideration.correction_rate"]
    assert (rate.published_value, rate.published_numerator, rate.published_denominator) == (
        Decimal("50.0"),
        1,
        2,
    )
    assert (rate.current_value, rate.current_numerator, rate.current_denominator) == (Decimal("66.7"), 2, 3)
    assert "reconsideration.mediated" not in created  # unchanged figures are not restated

    # running the check again logs nothing new
    assert refresh_restatements(lock=lock) == []
    assert Restatement.objects.filter(lock=lock, key="reconsideration.concluded").count() == 1

    out = io.StringIO()
    call_command("restatements", "--org", tree.city.code, "--year", "2024", stdout=out)
    text = out.getvalue()
    assert "行政复议审结案件数 [reconsideration.concluded]：发布 2，现为 3" in text
    assert "新增更正记录 0 条" in text


def test_a_returned_and_corrected_submission_is_restated_and_can_agree_again(tree, office, clerk_a):
    form = collection.create_form(
        actor=office,
        owner=tree.city,
        name="2024年度统计表",
        period=Period.year(2024),
        keys=["legal_services.notary_cases"],
    )
    (task,) = collection.assign_form(form=form, actor=office, orgs=[tree.unit_a], due_on=dt.date(2025, 1, 31))
    collection.save_values(task=task, actor=clerk_a, values={"legal_services.notary_cases": 10})
    collection.submit_task(task=task, actor=clerk_a)
    collection.accept_task(task=task, actor=office)
    lock = lock_period(
        org=tree.city, year=2024, actor=office, reason=REASON, keys=["legal_services.notary_cases"]
    )

    collection.return_task(task=task, actor=office, reason="漏报12月数据")
    collection.save_values(task=task, actor=clerk_a, values={"legal_services.notary_cases": 12})
    collection.submit_task(task=task, actor=clerk_a)
    collection.accept_task(task=task, actor=office)

    (r,) = refresh_restatements(lock=lock, actor=office)
    assert (r.key, r.published_value, r.current_value) == ("legal_services.notary_cases", 10, 12)
    value_change = next(c for c in r.changes if c["model"] == "填报数值")
    assert value_change["who"] == str(clerk_a) == "王丽"
    assert {"field": "数值", "old": "10.0000", "new": "12.0000"} in value_change["fields"]
    assert any(c["model"] == "填报任务" and "退回：漏报12月数据" in c["reason"] for c in r.changes)

    # corrected back to the published figure: one more entry saying it agrees again
    collection.return_task(task=task, actor=office, reason="12月数据属2025年")
    collection.save_values(task=task, actor=clerk_a, values={"legal_services.notary_cases": 10})
    collection.submit_task(task=task, actor=clerk_a)
    collection.accept_task(task=task, actor=office)
    assert differences(lock) == []
    (again,) = refresh_restatements(lock=lock)
    assert again.agrees_again


def test_lock_pages(tree, office, leader, clerk_a, login, year_2024):
    o = login(office)
    r = o.post(reverse("indicators:locks"), {"org": tree.city.pk, "year": 2024, "reason": REASON})
    lock = PeriodLock.objects.get(org=tree.city, year=2024)
    assert r.status_code == 302 and r["Location"] == reverse("indicators:lock_detail", args=[lock.pk])
    decided_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=dt.date(2024, 11, 4),
        decided_on=dt.date(2024, 12, 20),
        decision=Decision.ALTER,
    )
    detail = reverse("indicators:lock_detail", args=[lock.pk])
    assert "项与当前数据不同" in o.get(detail).content.decode()
    o.post(reverse("indicators:lock_refresh", args=[lock.pk]))
    html = o.get(detail).content.decode()
    assert "行政复议审结案件数" in html and "发布 2" in html and "现 3" in html and "新计入" in html
    assert o.get(reverse("indicators:locks")).status_code == 200

    lead = login(leader)
    assert lead.get(detail).status_code == 200
    assert lead.post(reverse("indicators:lock_refresh", args=[lock.pk])).status_code == 403
    assert (
        lead.post(
            reverse("indicators:locks"), {"org": tree.city.pk, "year": 2023, "reason": REASON}
        ).status_code
        == 403
    )
    assert login(clerk_a).get(detail).status_code == 404
