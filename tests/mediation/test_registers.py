"""The registers beside the dispute ledger: 调解组织, 人民调解员, 调解员培训, 矛盾纠纷排查. Services refuse bad input
in Chinese and write nothing; the figures come from the records and their drill-downs list as many rows; disputes
name the registers' records; the mediator roster imports with its column aliases."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from fazhi.core.importing import import_file
from fazhi.indicators.registry import Period, compute
from fazhi.indicators.selectors import drill_url
from fazhi.mediation import services
from fazhi.mediation.models import Dispute, MediationOrg, Mediator, Training
from tests.mediation import factories

D = date
pytestmark = pytest.mark.django_db
TOTAL = re.compile(r"共 (\d+) 条")


START = D(2024, 1, 1)


def committee(actor, unit, name="青城市某某村人民调解委员会", on=START, **kw):
    values = {"kind": "village", "members": 5, **kw}
    return services.register_organization(actor=actor, unit=unit, name=name, established_on=on, **values)


def test_organization_rules_of_the_act(tree, office):
    o = committee(office, tree.unit_a)
    assert o.org == tree.city and o.history.count() == 1
    with pytest.raises(ValidationError) as exc:  # 第八条第二款: 委员三至九人
        committee(office, tree.unit_a, name="另一人民调解委员会", members=10)
    assert "三至九人" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        committee(office, tree.unit_b, name=o.name)
    assert "已登记" in str(exc.value)
    assert MediationOrg.objects.count() == 1
    # a studio is not a committee: no 3-9 rule
    committee(office, tree.unit_a, name="老张调解工作室", kind="studio", members=1)
    services.dissolve_organization(organization=o, actor=office, dissolved_on=D(2025, 6, 30))
    with pytest.raises(ValidationError):
        services.dissolve_organization(organization=o, actor=office, dissolved_on=D(2025, 7, 1))


def test_a_clerk_registers_only_for_their_unit(tree, clerk_a, clerk_b, login):
    committee(clerk_a, tree.unit_a)
    with pytest.raises(PermissionDenied):
        committee(clerk_a, tree.unit_b, name="乙单位调委会")
    html = login(clerk_b).get("/mediation/organizations/").content.decode()
    assert "某某村人民调解委员会" not in html


def test_mediators_trainings_and_hours(tree, office):
    o = committee(office, tree.unit_a)
    m = services.register_mediator(
        actor=office,
        organization=o,
        name="王调解",
        appointed_on=D(2024, 3, 1),
        post="full_time",
        appointment="member",
    )
    other = services.register_mediator(
        actor=office, organization=o, name="李调解", appointed_on=D(2025, 3, 1)
    )
    with pytest.raises(ValidationError) as exc:  # appointed before the organisation existed
        services.register_mediator(actor=office, organization=o, name="早到者", appointed_on=D(2023, 1, 1))
    assert "设立日期" in str(exc.value)
    services.record_training(
        actor=office,
        unit=tree.unit_a,
        title="人民调解业务培训",
        held_on=D(2025, 5, 8),
        hours="6",
        attendees=[m, other],
    )
    services.record_training(
        actor=office, unit=tree.unit_a, title="民法典专题", held_on=D(2025, 9, 8), hours=3, attendees=[m]
    )
    with pytest.raises(ValidationError) as exc:  # 李调解 was not yet appointed
        services.record_training(
            actor=office,
            unit=tree.unit_a,
            title="早期培训",
            held_on=D(2025, 1, 8),
            hours=2,
            attendees=[other],
        )
    assert "未在任" in str(exc.value)
    assert Training.objects.count() == 2
    from fazhi.mediation.selectors import mediators_list

    hours = {x.name: x.training_hours for x in mediators_list(office)}
    assert hours == {"王调解": 9, "李调解": 6}


def test_disputes_name_the_registers_records(tree, office, login):
    o = committee(office, tree.unit_a)
    m = services.register_mediator(actor=office, organization=o, name="王调解", appointed_on=D(2024, 3, 1))
    sweep = services.record_sweep(
        actor=office, unit=tree.unit_a, held_on=D(2025, 8, 30), area="某某村", risks_found=4, organization=o
    )
    d = factories.dispute(
        office, unit=tree.unit_a, committee="", mediator="", organization=o, mediator_record=m, sweep=sweep
    )
    assert (d.committee, d.mediator, d.sweep) == (o.name, "王调解", sweep)
    with pytest.raises(ValidationError) as exc:  # a 排查 link needs the source 排查发现
        factories.dispute(office, unit=tree.unit_a, source="application", sweep=sweep)
    assert "排查发现" in str(exc.value)
    county_org = committee(office, tree.county_unit, name="县某村人民调解委员会")
    with pytest.raises(ValidationError) as exc:  # another jurisdiction's organisation
        factories.dispute(office, unit=tree.unit_a, organization=county_org)
    assert "不属于" in str(exc.value)
    stranger = services.register_mediator(
        actor=office, organization=county_org, name="外人", appointed_on=D(2025, 1, 1)
    )
    with pytest.raises(ValidationError):
        factories.dispute(office, unit=tree.unit_a, organization=o, mediator_record=stranger)
    assert Dispute.objects.count() == 1
    c = login(office)
    html = c.get("/mediation/sweeps/").content.decode()
    assert "某某村" in html and f"?sweep={sweep.pk}" in html
    html = c.get(f"/mediation/?sweep={sweep.pk}").content.decode()
    assert d.number in html
    r = c.post(
        "/mediation/new/",
        {
            "unit": tree.unit_a.pk,
            "channel": "people",
            "organization": o.pk,
            "mediator_record": m.pk,
            "sweep": sweep.pk,
            "source": "sweep",
            "kind": "neighbor",
            "parties": "甲、乙",
            "summary": "排查发现的宅基地纠纷",
            "received_on": "2025-09-02",
        },
        follow=True,
    )
    assert "已登记矛盾纠纷" in r.content.decode()
    assert sweep.disputes.count() == 2
    r = c.post(
        "/mediation/new/",
        {
            "unit": tree.unit_a.pk,
            "channel": "people",
            "source": "sweep",
            "kind": "neighbor",
            "parties": "甲、乙",
            "summary": "x",
            "received_on": "2025-09-02",
        },
    )
    assert "请选择调解组织" in r.content.decode()


def test_figures_come_from_the_registers_and_drill_down(tree, office, login):
    a = committee(office, tree.unit_a)
    b = committee(office, tree.unit_a, name="某街道人民调解委员会", kind="township", on=D(2025, 3, 1))
    gone = committee(office, tree.unit_b, name="已撤销调委会", on=D(2024, 1, 1))
    services.dissolve_organization(organization=gone, actor=office, dissolved_on=D(2025, 7, 15))
    committee(office, tree.unit_a, name="明年设立调委会", on=D(2026, 1, 5))
    m1 = services.register_mediator(actor=office, organization=a, name="甲", appointed_on=D(2024, 3, 1))
    services.register_mediator(actor=office, organization=b, name="乙", appointed_on=D(2025, 4, 1))
    services.record_training(
        actor=office, unit=tree.unit_a, title="培训一", held_on=D(2025, 5, 8), hours=4, attendees=[m1]
    )
    services.record_training(actor=office, unit=tree.unit_b, title="培训二", held_on=D(2024, 12, 8), hours=4)
    services.record_sweep(actor=office, unit=tree.unit_a, held_on=D(2025, 8, 30), area="某某村")
    services.record_sweep(actor=office, unit=tree.unit_a, held_on=D(2025, 9, 30), area="某社区")
    year = compute(tree.city, Period.year(2025))
    assert year["mediation.organizations"].value == 2  # a, b (gone dissolved mid-year; one set up in 2026)
    assert year["mediation.mediators"].value == 2
    assert year["mediation.trainings"].value == 1
    assert year["mediation.sweeps"].value == 2
    h1 = compute(tree.city, Period.quarter(2025, 2))
    assert h1["mediation.organizations"].value == 3  # on 30 June `gone` still stood (dissolved on 15 July)
    unit_b = compute(tree.unit_b, Period.year(2025))
    assert unit_b["mediation.organizations"].value == 0
    c = login(office)
    for key in ("mediation.organizations", "mediation.mediators", "mediation.trainings", "mediation.sweeps"):
        for values in (year, h1):
            url = drill_url(values[key])
            assert url, key
            found = TOTAL.search(c.get(url).content.decode())
            assert found and int(found.group(1)) == values[key].value, (key, url)


def xlsx(headers: list[str], rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "人民调解员"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_mediator_roster_imports_all_or_nothing(tree, office, login):
    from fazhi.mediation.importers import MediatorImporter

    committee(office, tree.unit_a)
    headers = [c.header for c in MediatorImporter.columns]
    assert any("调委会" in c.aliases for c in MediatorImporter.columns)
    good = [
        "青城市某某村人民调解委员会",
        None,
        "赵调解",
        "专职",
        "聘任调解员",
        "法律职业资格",
        "13800000000",
        D(2025, 2, 1),
    ]
    bad = ["没有这个调委会", None, "钱调解", None, None, None, None, D(2025, 2, 1)]
    result = import_file("mediation_mediators", xlsx(headers, [good, bad]), user=office)
    assert not result.ok
    assert any("第3行" in str(e) and "没有名为" in str(e) for e in result.errors)
    assert Mediator.objects.count() == 0
    result = import_file("mediation_mediators", xlsx(headers, [good]), user=office)
    assert result.ok, result.errors
    m = Mediator.objects.get()
    assert (m.name, m.post, m.organization.name) == ("赵调解", "full_time", "青城市某某村人民调解委员会")
    assert m.history.first().history_change_reason == "导入"
    html = login(office).get("/mediation/mediators/").content.decode()
    assert "赵调解" in html and "专职" in html


def test_dispute_import_and_api_name_the_registered_organization(tree, office, login):
    from fazhi.mediation.importers import MediationImporter

    o = committee(office, tree.unit_a)
    headers = [c.header for c in MediationImporter.columns]
    values = {
        "调处单位": "青城市市场监督管理局",
        "调解组织": o.name,
        "纠纷来源": "排查发现",
        "纠纷类型": "邻里纠纷",
        "当事人": "张三、李四",
        "纠纷简要情况": "通行纠纷",
        "登记日期": D(2025, 8, 25),
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "矛盾纠纷"
    ws.append(headers)
    ws.append([values.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    result = import_file("mediation", buf.getvalue(), user=office)
    assert result.ok, result.errors
    assert Dispute.objects.get().organization == o
    c = login(office)
    r = c.post(
        "/api/mediation/cases",
        {
            "unit_id": tree.unit_a.pk,
            "organization_id": o.pk,
            "source": "application",
            "kind": "family",
            "parties": "丙、丁",
            "summary": "赡养纠纷",
            "received_on": "2025-09-01",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["organization_id"] == o.pk and r.json()["committee"] == o.name
    r = c.post(
        "/api/mediation/cases",
        {
            "unit_id": tree.unit_a.pk,
            "source": "application",
            "kind": "family",
            "parties": "丙",
            "summary": "x",
            "received_on": "2025-09-01",
        },
        content_type="application/json",
    )
    assert r.status_code == 400 and "请选择调解组织" in r.json()["detail"]
