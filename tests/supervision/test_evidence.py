"""考评材料: an assessed unit files evidence (a note, a link to its records, files) per scored item; the assessors
read it on the scheme page and mark it read; the unit sees its own with its score; nothing after publication."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.attachments import attach, attachments_of
from fazhi.supervision import services
from fazhi.supervision.choices import EvidenceStatus
from fazhi.supervision.models import Evidence

from . import factories as f

pytestmark = pytest.mark.django_db


def submit(actor, item, org, **kwargs):
    data = {"note": "自评报告及佐证材料目录", "submitted_on": date(2026, 1, 8), "link": "/supervision/shufa/"}
    return services.submit_evidence(actor=actor, item=item, org=org, **{**data, **kwargs})


def test_a_unit_files_evidence_an_assessor_reads_it_and_publication_locks_it(tree, office, reviewer, clerk_a):
    s = f.scheme(office, tree)
    item = s.items.get(seq=1)
    ev = submit(clerk_a, item, tree.unit_a)
    assert ev.status == EvidenceStatus.SUBMITTED and ev.history.get().history_change_reason == "提交考评材料"
    attach(actor=clerk_a, record=ev, upload=SimpleUploadedFile("自评报告.pdf", b"%PDF-1.4 test"))
    assert [a.name for a in attachments_of(ev)] == ["自评报告.pdf"]
    with pytest.raises(PermissionDenied):
        services.review_evidence(case=ev, actor=clerk_a, comment="", reviewed_on=date(2026, 1, 10))
    services.review_evidence(case=ev, actor=reviewer, comment="材料齐全", reviewed_on=date(2026, 1, 10))
    ev.refresh_from_db()
    assert ev.status == EvidenceStatus.REVIEWED and ev.comment == "材料齐全"
    assert list(ev.events.values_list("kind", flat=True)) == ["submitted", "reviewed"]
    services.publish_results(case=s, actor=office, published_on=date(2026, 2, 1))
    with pytest.raises(ValidationError) as exc:
        submit(clerk_a, item, tree.unit_a)
    assert "结果已公布" in str(exc.value)


def test_evidence_refusals(tree, office, clerk_a, clerk_b):
    s = f.scheme(office, tree)
    item = s.items.get(seq=1)
    with pytest.raises(PermissionDenied):
        submit(clerk_b, item, tree.unit_a)  # another unit's evidence
    cases = [
        ({"org": tree.county_unit}, "org", "不是"),  # a county's department is not assessed by the city
        ({"link": "https://example.com/x"}, "link", "本系统页面的地址"),
        ({"link": "/no-such-page/"}, "link", "本系统中没有页面"),
        ({"note": " "}, "note", "请填写材料说明"),
        ({"submitted_on": date(2025, 1, 1)}, "submitted_on", "不能早于方案印发日期"),
    ]
    for kwargs, field, text in cases:
        org = kwargs.pop("org", tree.unit_a)
        with pytest.raises(ValidationError) as exc:
            submit(office, item, org, **kwargs)
        assert text in "；".join(exc.value.message_dict[field]), (field, exc.value.message_dict)
    assert not Evidence.objects.exists()


def test_the_scheme_page_shows_evidence_to_assessors_and_the_unit_its_own(
    tree, office, reviewer, clerk_a, clerk_b, login
):
    s = f.scheme(office, tree)
    item = s.items.get(seq=1)
    ev = submit(clerk_a, item, tree.unit_a, note="市场监管局自评报告")
    submit(clerk_b, item, tree.unit_b, note="公安局自评报告")
    services.score_unit(
        case=s,
        actor=reviewer,
        item=item,
        unit=tree.unit_a,
        score=Decimal(18),
        basis="材料齐全",
        scored_on=date(2026, 1, 20),
    )
    page = login(reviewer).get(reverse("supervision_schemes:detail", args=[s.pk])).content.decode()
    assert "市场监管局自评报告" in page and "公安局自评报告" in page and "考评材料（2）" in page
    detail = reverse("supervision_evidence:detail", args=[ev.pk])
    assert "/action/review/" in login(reviewer).get(detail).content.decode()
    mine = login(clerk_a).get(detail).content.decode()
    assert "18.00 分" in mine and "/action/review/" not in mine and "上传附件" in mine
    listing = login(clerk_a).get(reverse("supervision_evidence:list")).content.decode()
    assert "市场监管局自评报告" in listing and "公安局自评报告" not in listing
    assert login(clerk_b).get(detail).status_code == 404
    r = login(clerk_a).post(
        reverse("supervision_evidence:create"),
        {"item": s.items.get(seq=3).pk, "org": tree.unit_a.pk, "note": "无败诉案件", "link": "/supervision/",
         "submitted_on": "2026-01-09"},
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:2000]
    assert Evidence.objects.filter(org=tree.unit_a).count() == 2
