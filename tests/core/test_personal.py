"""Personal data (core.personal): citizens' phones and ID numbers are masked on every list, record page, history,
export and API response of every app for a role without `personal.view_full`; a holder reveals one on a record
page by an explicit, logged action, and exports and API responses in full are logged too."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from fazhi.core.models import Membership, PersonalDataAccess, Role
from fazhi.core.personal import mask
from fazhi.disclosure import services as disclosure_services
from fazhi.petitions import services as petition_services
from fazhi.reconsideration import services as recon_services
from fazhi.reconsideration.models import Applicant

from ..factories import make_user
from ..hotline import factories as hotline_factories

pytestmark = pytest.mark.django_db

TICKET_PHONE = "13912345678"
PETITION_PHONE = "13712345678"
DISCLOSURE_PHONE = "13612345678"
ID_NUMBER = "110101199001011234"
FULL = (TICKET_PHONE, PETITION_PHONE, DISCLOSURE_PHONE, ID_NUMBER)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("13812345678", "138****5678"),
        ("110101199001011234", "1101**********1234"),
        ("11010119900101123X", "1101**********123X"),
        ("110101900101123", "1101*******1123"),  # a 15-digit ID number of the first generation
        ("0571-87654321", "0571-****4321"),
        ("联系方式：13812345678，北京市东城区和平路12号", "联系方式：138****5678，北京市东城区和平路12号"),
        ("zhang@example.cn", "zhang@example.cn"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask(value, shown):
    assert mask(value) == shown


@pytest.fixture
def records(tree, office):
    ticket = hotline_factories.dispatched(office, tree.city, tree.unit_a, phone=TICKET_PHONE)
    petition = petition_services.register_petition(
        actor=office,
        unit=tree.unit_a,
        petitioner="赵六",
        received_on=date(2025, 9, 16),
        channel="letter",
        category="claim",
        subject="征地补偿标准",
        phone=PETITION_PHONE,
    )
    application = disclosure_services.register_application(
        actor=office,
        unit=tree.unit_a,
        applicant="钱七",
        applicant_class="person",
        content="本市2024年道路建设资金使用情况",
        channel="online",
        received_on=date(2025, 9, 16),
        contact=f"电话 {DISCLOSURE_PHONE}",
    )
    case = recon_services.register_application(
        actor=office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=date(2025, 9, 16),
        applicants=[{"name": "张三", "id_number": ID_NUMBER}],
        act_type="penalty",
        act_description="罚款二千元的行政处罚决定",
    )
    assert Applicant.objects.get(case=case).id_number == ID_NUMBER
    return {"hotline": ticket, "petitions": petition, "disclosure": application, "reconsideration": case}


def _text(response) -> str:
    """A page's or JSON response's text, or every XML part of an xlsx."""
    assert response.status_code == 200, (response.status_code, response.content[:300])
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    return body.decode()


def _crawl(client, records) -> str:
    seen = []
    for app, record in records.items():
        for url in (
            f"/{app}/",
            f"/{app}/{record.pk}/",
            f"/{app}/{record.pk}/edit/",
            f"/import/export/{app}/",
            f"/api/{app}/cases",
            f"/api/{app}/cases/{record.pk}",
        ):
            response = client.get(url)
            if response.status_code in (403, 404) and url.endswith("/edit/"):
                continue  # a role that may not edit the record
            seen.append(f"{url}\n{_text(response)}")
    return "\n".join(seen)


@pytest.mark.parametrize("persona", ["leader", "plain_handler"])
def test_no_full_number_anywhere_for_a_plain_role(persona, records, tree, personas, login):
    """A leader (read only) and a handler whose role lacks personal.view_full crawl the lists, record pages
    (with their history), edit forms, exports and API of every app with personal data: no full number."""
    if persona == "leader":
        user = personas.leader
    else:
        role = Role.objects.create(
            code="handler", name="业务经办", scope="subtree", capabilities=["*", "!personal.*"]
        )
        user = make_user("handler")
        Membership.objects.create(user=user, org=tree.city, role=role)
    # a change of the phone appears in the 修改历史 tab: masked there too
    ticket = records["hotline"]
    ticket.phone = "13911112222"
    ticket._change_reason = "更正电话"
    ticket.save()
    text = _crawl(login(user), records)
    for number in (*FULL, "13911112222"):
        assert number not in text
    assert "139****2222" in text  # the ticket's record page, export and API show it masked
    assert "1101**********1234" in text  # the 复议 applicant's ID number on the case page
    assert "137****5678" in text and "136****5678" in text
    assert not PersonalDataAccess.objects.exists()


def test_reveal_is_an_explicit_logged_action(records, office, leader, login):
    ticket = records["hotline"]
    c = login(office)
    page = c.get(f"/hotline/{ticket.pk}/").content.decode()
    assert TICKET_PHONE not in page and "139****5678" in page and "查看完整" in page
    url = f"/personal/hotline/ticket/{ticket.pk}/phone/"
    assert url in page
    assert c.get(url).status_code == 405  # a GET (a prefetch, a crawler) never reveals
    r = c.post(url)
    assert r.status_code == 200 and TICKET_PHONE in r.content.decode()
    r = c.post(url, HTTP_HX_REQUEST="true")
    assert TICKET_PHONE in r.content.decode() and "<html" not in r.content.decode()
    logs = list(PersonalDataAccess.objects.order_by("id"))
    assert [(x.user, x.how, x.model, x.object_id, x.fields) for x in logs] == [
        (office, "reveal", "hotline.ticket", str(ticket.pk), "phone")
    ] * 2
    # a leader gets neither the button nor the value
    lc = login(leader)
    assert "查看完整" not in lc.get(f"/hotline/{ticket.pk}/").content.decode()
    assert lc.post(url).status_code == 403
    assert login(office).post(f"/personal/hotline/ticket/{ticket.pk}/caller/").status_code == 404
    assert PersonalDataAccess.objects.count() == 2


def test_reveal_needs_the_record_in_scope(records, tree, county_office, login):
    """A holder of the capability elsewhere (a county office) cannot reveal a city ticket: 404 as if absent."""
    ticket = records["hotline"]
    assert login(county_office).post(f"/personal/hotline/ticket/{ticket.pk}/phone/").status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_export_and_api_in_full_for_a_holder_are_logged(records, office, login):
    c = login(office)
    assert TICKET_PHONE in _text(c.get("/import/export/hotline/"))
    log = PersonalDataAccess.objects.get()
    assert (log.how, log.model, log.object_id, log.count) == (
        "export",
        "hotline.ticket",
        str(records["hotline"].pk),
        1,
    )
    item = c.get(f"/api/petitions/cases/{records['petitions'].pk}").json()
    assert item["phone"] == PETITION_PHONE
    assert PersonalDataAccess.objects.filter(how="api", model="petitions.petition").count() == 1


def test_edit_form_keeps_a_masked_value(records, tree, login):
    """A handler who may not see the phone edits the caller's name: the phone comes back masked and is kept."""
    role = Role.objects.create(
        code="handler", name="业务经办", scope="subtree", capabilities=["*", "!personal.*"]
    )
    user = make_user("handler")
    Membership.objects.create(user=user, org=tree.city, role=role)
    ticket = records["hotline"]
    c = login(user)
    form = c.get(f"/hotline/{ticket.pk}/edit/").content.decode()
    assert TICKET_PHONE not in form and 'value="139****5678"' in form
    r = c.post(
        f"/hotline/{ticket.pk}/edit/",
        {
            "caller": "王芳芳",
            "phone": "139****5678",
            "location": ticket.location,
            "content": ticket.content,
            "channel": ticket.channel,
            "request_type": ticket.request_type,
            "reason": "更正诉求人姓名",
            "version": ticket.version,
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    ticket.refresh_from_db()
    assert (ticket.caller, ticket.phone) == ("王芳芳", TICKET_PHONE)


def test_builtin_roles(tree, personas):
    from fazhi.core.permissions import can

    assert can(personas.office, tree.city, "personal.view_full")
    assert can(personas.reviewer, tree.city, "personal.view_full")
    assert not can(personas.leader, tree.city, "personal.view_full")
    assert not can(personas.clerk_a, tree.unit_a, "personal.view_full")


# -- the Django admin and the import error reports ----------------------------------------------------------


def _admin_user(tree, *, holder: bool):
    """A staff user who may view the records in the Django admin; with or without personal.view_full."""
    from django.contrib.auth.models import Permission

    role = Role.objects.create(
        code="admin_view" + ("_full" if holder else ""),
        name="后台查看",
        scope="subtree",
        capabilities=["*"] if holder else ["*", "!personal.*"],
    )
    user = make_user("staff_full" if holder else "staff", is_staff=True)
    Membership.objects.create(user=user, org=tree.city, role=role)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_ticket", "view_petition", "view_mediator"])
    )
    return user


def _mediator(office, tree):
    from fazhi.mediation import services as mediation_services

    organization = mediation_services.register_organization(
        actor=office,
        unit=tree.unit_a,
        name="和平街道人民调解委员会",
        kind="township",
        members=5,
        established_on=date(2020, 1, 1),
    )
    return mediation_services.register_mediator(
        actor=office,
        organization=organization,
        name="孙八",
        phone="13512345678",
        appointed_on=date(2021, 3, 1),
    )


def test_admin_masks_for_a_user_without_the_capability(records, tree, office, login):
    mediator = _mediator(office, tree)
    c = login(_admin_user(tree, holder=False))
    pages = {
        "/admin/hotline/ticket/": None,
        f"/admin/hotline/ticket/{records['hotline'].pk}/change/": "139****5678",
        f"/admin/hotline/ticket/{records['hotline'].pk}/history/": None,
        "/admin/mediation/mediator/": "135****5678",
        "/admin/petitions/petition/": None,
        f"/admin/petitions/petition/{records['petitions'].pk}/change/": "137****5678",
        f"/admin/mediation/mediator/{mediator.pk}/change/": "135****5678",
    }
    for url, shown in pages.items():
        text = _text(c.get(url))
        for number in (*FULL, "13512345678"):
            assert number not in text, url
        if shown:
            assert shown in text, url
    assert not PersonalDataAccess.objects.exists()


def test_admin_shows_in_full_to_a_holder_and_logs_it(records, tree, office, login):
    mediator = _mediator(office, tree)
    c = login(_admin_user(tree, holder=True))
    ticket = records["hotline"]
    assert TICKET_PHONE in _text(c.get(f"/admin/hotline/ticket/{ticket.pk}/change/"))
    log = PersonalDataAccess.objects.get()
    assert (log.how, log.model, log.object_id, log.fields) == (
        "reveal",
        "hotline.ticket",
        str(ticket.pk),
        "phone",
    )
    assert "13512345678" in _text(c.get(f"/admin/mediation/mediator/{mediator.pk}/change/"))
    assert PersonalDataAccess.objects.filter(model="mediation.mediator").count() == 1
    assert "13512345678" in _text(c.get("/admin/mediation/mediator/"))
    listed = PersonalDataAccess.objects.filter(model="mediation.mediator").order_by("id").last()
    assert (listed.object_id, listed.count) == (str(mediator.pk), 1)
    assert PersonalDataAccess.objects.filter(model="mediation.mediator").count() == 2


def _error_workbook_text(importer_cls, user, rows: list[list]) -> tuple[str, str]:
    """Import `rows` (header first) with `importer_cls`; the messages and the error workbook's XML text."""
    from openpyxl import Workbook

    from fazhi.core.importing import error_workbook

    wb = Workbook()
    ws = wb.active
    ws.title = importer_cls.sheet_name
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    result = importer_cls(user).run(buf.getvalue(), filename="x.xlsx")
    assert result.errors
    book = error_workbook(result, sheet_name=importer_cls.sheet_name)
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    return "\n".join(result.messages()), xml


def test_import_error_reports_mask_phones(tree, office):
    """A row refused for another reason: neither the messages nor the error workbook echo its phone whole;
    a phone cell that is itself in error is named masked."""
    from fazhi.hotline.importers import TicketImporter
    from fazhi.mediation.importers import MediatorImporter

    hotline_factories.categories()
    headers = [c.header for c in TicketImporter.columns]
    good = {c.header: "" for c in TicketImporter.columns}
    row = dict(good)
    row.update(
        {
            "工单编号": "GD-1",
            "受理热线": tree.city.name,
            "诉求人": "王芳",
            "联系电话": "13912345678",
            "诉求分类": "不存在的分类",
            "诉求内容": "占道经营",
            "受理日期": "2025-09-29",
        }
    )
    long_phone = dict(row, 工单编号="GD-2", 联系电话="电话13912345678" + "9" * 40)
    messages, xml = _error_workbook_text(
        TicketImporter, office, [headers, [row[h] for h in headers], [long_phone[h] for h in headers]]
    )
    assert "13912345678" not in messages and "13912345678" not in xml
    assert "139****5678" in xml

    m_headers = [c.header for c in MediatorImporter.columns]
    m_row = {h: "" for h in m_headers}
    m_row.update(
        {"姓名": "孙八", "调解组织": "不存在的调委会", "联系电话": "13512345678", "选任日期": "2021-03-01"}
    )
    messages, xml = _error_workbook_text(MediatorImporter, office, [m_headers, [m_row[h] for h in m_headers]])
    assert "13512345678" not in messages and "13512345678" not in xml
    assert "135****5678" in xml
