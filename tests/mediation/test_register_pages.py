"""The registers' record pages through the casework kit: each 调解组织, 人民调解员, 调解员培训 and 矛盾纠纷排查 has a
page with its details, 附件 and 修改历史, 修改基本信息 (a reason, the rules checked, audited) and 作废, read only
within the user's scope; each list exports to xlsx, the mediator roster as its import sheet (it re-imports)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.importing import import_file
from fazhi.mediation import services
from fazhi.mediation.models import MediationOrg, Mediator

pytestmark = pytest.mark.django_db


@pytest.fixture
def registers(tree, office):
    o = services.register_organization(
        actor=office,
        unit=tree.unit_a,
        name="和平村人民调解委员会",
        kind="village",
        members=5,
        established_on=date(2024, 1, 1),
    )
    m = services.register_mediator(
        actor=office, organization=o, name="孙八", phone="13512345678", appointed_on=date(2024, 3, 1)
    )
    t = services.record_training(
        actor=office,
        unit=tree.unit_a,
        title="人民调解业务培训",
        held_on=date(2025, 4, 1),
        hours=4,
        attendees=[m],
    )
    s = services.record_sweep(
        actor=office, unit=tree.unit_a, held_on=date(2025, 5, 1), area="和平村", risks_found=3, organization=o
    )
    return {"organizations": o, "mediators": m, "trainings": t, "sweeps": s}


def test_every_register_has_a_record_page(registers, office, clerk_b, login):
    c = login(office)
    for key, record in registers.items():
        listing = c.get(f"/mediation/{key}/").content.decode()
        assert f"/mediation/{key}/{record.pk}/" in listing, key
        page = c.get(f"/mediation/{key}/{record.pk}/")
        assert page.status_code == 200, key
        text = page.content.decode()
        assert "修改历史" in text and "附件" in text and f"/mediation/{key}/{record.pk}/edit/" in text
    page = c.get(f"/mediation/mediators/{registers['mediators'].pk}/").content.decode()
    assert "13512345678" not in page and "135****5678" in page
    # another unit's clerk: as if absent
    other = login(clerk_b)
    for key, record in registers.items():
        assert other.get(f"/mediation/{key}/{record.pk}/").status_code == 404, key


def test_edit_checks_the_rules_and_is_audited(registers, office, login):
    c = login(office)
    o = registers["organizations"]
    url = f"/mediation/organizations/{o.pk}/edit/"
    form = {
        "name": o.name,
        "kind": "village",
        "members": 12,
        "established_on": "2024-01-01",
        "dissolved_on": "",
        "reason": "委员人数更正",
        "version": o.version,
    }
    r = c.post(url, form)
    assert r.status_code == 200 and "三至九人" in r.content.decode()
    o.refresh_from_db()
    assert o.members == 5
    r = c.post(url, form | {"members": 7})
    assert r.status_code == 302
    o.refresh_from_db()
    assert o.members == 7 and o.version == 2
    last = o.history.first()
    assert last.history_change_reason == "修改基本信息：委员人数更正" and last.history_user == office
    # the mediator's phone comes back masked for a user who may not see it and is kept; 离任 before 选任 refused
    m = registers["mediators"]
    r = c.post(
        f"/mediation/mediators/{m.pk}/edit/",
        {
            "name": m.name,
            "post": m.post,
            "appointment": m.appointment,
            "qualifications": "",
            "phone": m.phone,
            "appointed_on": "2024-03-01",
            "left_on": "2024-02-01",
            "reason": "离任登记",
            "version": m.version,
        },
    )
    assert "离任日期不能早于选任日期" in r.content.decode()


def test_void_hides_the_record(registers, office, login):
    c = login(office)
    s = registers["sweeps"]
    r = c.post(f"/mediation/sweeps/{s.pk}/void/", {"reason": "重复登记的排查", "version": s.version})
    assert r.status_code == 302
    assert "和平村" not in c.get("/mediation/sweeps/").content.decode().split("<tbody>")[1]


def test_exports(registers, office, leader, login, tree):
    c = login(office)
    for key, title in (
        ("organizations", "调解组织"),
        ("trainings", "调解员培训"),
        ("sweeps", "矛盾纠纷排查"),
    ):
        r = c.get(f"/mediation/{key}/export/")
        assert r.status_code == 200 and r["X-Record-Count"] == "1", key
        ws = load_workbook(io.BytesIO(r.content)).active
        assert ws.title == title
        assert ws.max_row == 2
    assert c.get("/mediation/nothing/export/").status_code == 404
    # the roster exports as its import sheet, phones masked for a leader, and re-imports for the office
    r = login(leader).get("/mediation/mediators/export/")
    assert b"13512345678" not in r.content
    r = c.get("/mediation/mediators/export/", {"q": "孙"})
    assert r["X-Record-Count"] == "1"
    Mediator.objects.all().delete()
    result = import_file("mediation_mediators", r.content, user=office, filename="roster.xlsx")
    assert result.ok, result.messages()
    assert Mediator.objects.get().phone == "13512345678"
    assert MediationOrg.objects.count() == 1
