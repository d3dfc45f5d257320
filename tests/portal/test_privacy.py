"""The privacy test of issue 15 §5: the portal, crawled anonymously over a demo-like database (the demo city at a
small scale, plus planted records that must stay private), shows no ID number, no phone number, no unpublished
document or draft and no internal note, following every link from the home page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.core.models import JurisdictionSetting, Org
from fazhi.decisions.choices import CatalogStatus
from fazhi.decisions.models import Decision
from fazhi.demo.city import CITY
from fazhi.disclosure.models import Application
from fazhi.enforcement.models import EnforcementCase, Officer
from fazhi.hotline.models import Ticket
from fazhi.normative.models import NormativeDocument
from fazhi.publicity.models import LegalLiterate
from fazhi.reports.models import AnnualReport, AnnualReportStatus
from tests.portal.crawl import crawl

pytestmark = pytest.mark.django_db


def _secrets() -> list[str]:
    """What the database holds that must never be public, as strings long enough not to match by chance."""
    officers = set(Officer.objects.values_list("name", flat=True))
    out: set[str] = set()
    out |= set(NormativeDocument.objects.filter(published_on__isnull=True).values_list("title", flat=True))
    out -= set(NormativeDocument.objects.filter(published_on__isnull=False).values_list("title", flat=True))
    out |= set(AnnualReport.objects.filter(status=AnnualReportStatus.DRAFT).values_list("title", flat=True))
    hidden = Decision.objects.exclude(catalog__status=CatalogStatus.PUBLISHED)
    out |= set(hidden.values_list("title", flat=True)) - set(
        Decision.objects.filter(catalog__status=CatalogStatus.PUBLISHED).values_list("title", flat=True)
    )
    out |= set(Decision.objects.exclude(dissent="").values_list("dissent", flat=True))
    out |= set(Application.objects.values_list("content", flat=True))
    out |= set(Ticket.objects.exclude(location="").values_list("location", flat=True))
    people = set(EnforcementCase.objects.values_list("party", flat=True))
    people |= set(Ticket.objects.values_list("caller", flat=True))
    people |= set(Application.objects.values_list("applicant", flat=True))
    people |= set(LegalLiterate.objects.values_list("name", flat=True))  # the portal shows counts only
    out |= {p for p in people if len(p) >= 3 and p not in officers}
    out |= set(LegalLiterate.objects.exclude(phone="").values_list("phone", flat=True))
    return sorted(s for s in out if len(s) >= 3)


def _plant(city: Org) -> None:
    """Records a careless page would leak: an ID number and a phone in an application, a phone in a ticket."""
    unit = Org.objects.filter(parent=city, kind="unit").first()
    Application.objects.create(
        org=city,
        unit=unit,
        number="PLANT-1",
        applicant="欧阳测试员",
        applicant_class="person",
        contact="13912345678",
        content="申请人身份证号110101199003071234的户籍信息",
        channel="online",
        received_on=date(2025, 5, 6),
    )
    Ticket.objects.create(
        org=city,
        number="PLANT-T",
        category="X",
        caller="司马测试",
        phone="0871-6543210",
        location="澜川市测试路88号",
        received_on=date(2025, 5, 6),
    )


def test_anonymous_crawl_of_the_demo_portal_leaks_nothing(monkeypatch):
    monkeypatch.setenv("FAZHI_DEMO_PASSWORD", "crawl-pass-1234")
    call_command("demo", "--no-serve", "--scale", "0.05")
    city = Org.objects.get(code=CITY.code)
    _plant(city)
    secrets = _secrets()
    assert "申请人身份证号110101199003071234的户籍信息" in secrets and "欧阳测试员" in secrets
    assert LegalLiterate.objects.exists()  # the demo's 法律明白人: names and phones, never on the portal
    client = Client()

    def fetch(path: str) -> tuple[int, str, str]:
        r = client.get(path)
        body = b"".join(r.streaming_content) if r.streaming else r.content
        return r.status_code, r.get("Content-Type", ""), body.decode("utf-8", "replace")

    # the numbers governments publish on purpose: their 政府信息公开工作机构's telephone and fax (条例第十二条)
    published = JurisdictionSetting.objects.filter(
        key__in=("disclosure.office_phone", "disclosure.office_fax")
    ).values_list("value", flat=True)
    pages, found, failures = crawl(fetch, f"/gk/{city.code}/", secrets, published=published)
    assert pages > 50, pages  # the crawl reached the sections, their items, feeds and the sitemap
    assert not failures, failures[:20]
    assert not found, found[:20]
