"""行政规范性文件 services: 三统一 registration numbers, publication (有效期), the filing clocks (per-jurisdiction
settings), 备案审查 by the level filed with, clean-up, and who may do what.

Filing periods are calendar days from publication; the start day is not counted and a last day that is a
法定休假日 moves to the next working day. 2025 国庆: 10月1日(三)–10月8日(三) 放假, 9月28日(日) and 10月11日(六) 上班.
2025 春节: 1月28日(二)–2月4日(二) 放假, 1月26日(日) and 2月8日(六) 上班."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import JurisdictionSetting
from fazhi.normative import services
from fazhi.normative.choices import CleanupOutcome, EventKind, Filing, ReviewResult, Status
from fazhi.normative.models import NormativeDocument

from . import factories as f

pytestmark = pytest.mark.django_db
D = date


def reload(doc) -> NormativeDocument:
    return NormativeDocument.objects.get(pk=doc.pk)


def test_registration_numbers_follow_the_register_per_year(tree, office):
    a = f.document(office, issuer=tree.city)
    b = f.document(office, issuer=tree.unit_a, title="青城市市场监管局行政执法公示办法")
    c = f.document(office, issuer=tree.county, title="青城县殡葬管理办法")
    assert a.registration_number == "青城市规〔2025〕1号"
    assert b.registration_number == "青城市规〔2025〕2号"
    assert c.registration_number == "青城县规〔2025〕1号"
    assert a.status == Status.REGISTERED
    assert a.events.get().kind == EventKind.REGISTERED
    assert a.history.count() == 1


def test_a_government_document_is_filed_with_congress_and_the_higher_government(tree, office):
    doc = f.published(office, issuer=tree.county, title="青城县殡葬管理办法")
    assert doc.filed_to == tree.city
    # Published Tue 9/16; day 30 = Thu 10/16, a working day.
    assert doc.congress_due == D(2025, 10, 16)
    assert doc.government_due == D(2025, 10, 16)
    assert doc.status == Status.IN_FORCE
    # 5 years of validity from the effective date.
    assert doc.expires_on == D(2030, 9, 15)


def test_a_department_document_is_filed_with_its_own_government_only(tree, office):
    doc = f.published(office, issuer=tree.unit_a, title="青城市市场监管局行政执法公示办法")
    assert doc.filed_to == tree.city
    assert doc.congress_due is None
    assert doc.government_due == D(2025, 10, 16)
    with pytest.raises(ValidationError, match="只报本级人民政府备案"):
        services.file_document(case=doc, actor=office, filing=Filing.CONGRESS, filed_on=D(2025, 9, 20))


def test_filing_due_moves_past_the_national_day_holiday(tree, office):
    # Published Mon 2025-09-01; day 30 = Wed 10/1 (国庆) → first working day after: Thu 10/9.
    doc = f.published(office, issuer=tree.city, published_on=D(2025, 9, 1), registered_on=D(2025, 8, 20))
    assert doc.congress_due == D(2025, 10, 9)


def test_filing_due_moves_past_the_spring_festival(tree, office):
    # Published Thu 2024-12-30; day 30 = Wed 2025-01-29 (春节) → first working day after: Wed 2/5.
    doc = f.published(office, issuer=tree.city, published_on=D(2024, 12, 30), registered_on=D(2024, 12, 20))
    assert doc.government_due == D(2025, 2, 5)


def test_filing_days_are_a_setting_of_the_jurisdiction(tree, office):
    JurisdictionSetting.objects.create(org=tree.county, key="normative.filing_government_days", value="20")
    JurisdictionSetting.objects.create(
        org=tree.county, key="normative.filing_government_basis", value="青海省行政规范性文件制定和备案办法"
    )
    county = f.published(office, issuer=tree.county, title="青城县殡葬管理办法")
    city = f.published(office, issuer=tree.city)
    # Published Tue 9/16; day 20 = Mon 10/6 (国庆) → Thu 10/9; the city keeps 30 days.
    assert county.government_due == D(2025, 10, 9)
    assert county.congress_due == D(2025, 10, 16)
    assert city.government_due == D(2025, 10, 16)
    from fazhi.normative import rules

    d = rules.filing_deadline(county, Filing.GOVERNMENT)
    assert "青海省行政规范性文件制定和备案办法" in d.explanation and "20日" in d.explanation


def test_filed_on_time_needs_every_filing(tree, office):
    doc = f.published(office, issuer=tree.city)
    services.file_document(case=doc, actor=office, filing=Filing.GOVERNMENT, filed_on=D(2025, 9, 30))
    assert reload(doc).filed_on_time is None
    services.file_document(case=doc, actor=office, filing=Filing.CONGRESS, filed_on=D(2025, 10, 17))
    doc = reload(doc)
    assert doc.filed_on_time is False
    assert "逾期" in doc.events.filter(kind=EventKind.FILED).last().note
    with pytest.raises(ValidationError, match="已按规定报送全部备案"):
        services.file_document(case=doc, actor=office, filing=Filing.CONGRESS, filed_on=D(2025, 10, 18))


def test_no_issue_without_legality_review(tree, office):
    doc = f.document(office, issuer=tree.city, review="")
    with pytest.raises(ValidationError) as exc:
        services.publish_document(
            case=doc,
            actor=office,
            doc_number="青政规〔2025〕9号",
            published_on=D(2025, 9, 16),
            effective_on=D(2025, 9, 16),
        )
    assert "未经合法性审核" in str(exc.value)
    assert reload(doc).status == Status.REGISTERED


def test_provisional_documents_last_two_years_and_longer_is_refused(tree, office):
    doc = f.document(office, issuer=tree.city, title="青城市公共租赁住房管理暂行办法")
    assert doc.provisional
    with pytest.raises(ValidationError, match="不得超过2年"):
        services.publish_document(
            case=doc,
            actor=office,
            doc_number="青政规〔2025〕2号",
            published_on=D(2025, 9, 16),
            effective_on=D(2025, 10, 1),
            validity_years=3,
        )
    doc = services.publish_document(
        case=reload(doc),
        actor=office,
        doc_number="青政规〔2025〕2号",
        published_on=D(2025, 9, 16),
        effective_on=D(2025, 10, 1),
    )
    assert doc.expires_on == D(2027, 9, 30)


def test_review_only_by_the_level_filed_with(tree, office, county_office):
    doc = f.published(office, issuer=tree.county, title="青城县殡葬管理办法")
    services.file_document(case=doc, actor=county_office, filing=Filing.GOVERNMENT, filed_on=D(2025, 9, 20))
    with pytest.raises(PermissionDenied):
        services.review_filing(
            case=reload(doc), actor=county_office, result=ReviewResult.PASSED, reviewed_on=D(2025, 10, 9)
        )
    with pytest.raises(ValidationError) as exc:
        services.review_filing(
            case=reload(doc), actor=office, result=ReviewResult.CORRECTED, reviewed_on=D(2025, 10, 9)
        )
    assert "问题" in str(exc.value)
    doc = services.review_filing(
        case=reload(doc),
        actor=office,
        result=ReviewResult.CORRECTED,
        reviewed_on=D(2025, 10, 9),
        problem="增设许可条件",
        correction="已删除",
    )
    assert doc.review_result == ReviewResult.CORRECTED
    with pytest.raises(ValidationError, match="不能「登记备案审查结果」|只有已报送"):
        services.review_filing(
            case=doc, actor=office, result=ReviewResult.PASSED, reviewed_on=D(2025, 10, 10)
        )


def test_review_before_filing_is_refused(tree, office):
    doc = f.published(office, issuer=tree.unit_a, title="青城市市场监管局行政执法公示办法")
    with pytest.raises(ValidationError, match="只有已报送政府备案"):
        services.review_filing(case=doc, actor=office, result=ReviewResult.PASSED, reviewed_on=D(2025, 10, 9))


def test_clerks_register_their_own_unit_only(tree, clerk_a, clerk_b, leader):
    doc = f.document(clerk_a, issuer=tree.unit_a, title="青城市市场监管局行政执法公示办法")
    assert doc.issuer == tree.unit_a
    with pytest.raises(PermissionDenied):
        f.document(clerk_b, issuer=tree.unit_a)
    with pytest.raises(PermissionDenied):
        f.document(leader, issuer=tree.city)


def test_cleanup_picks_documents_in_force_and_publishes_outcomes(tree, office):
    keep = f.published(office, issuer=tree.city)
    gone = f.published(
        office, issuer=tree.unit_a, title="青城市市场监管局行政执法公示办法", doc_number="青市监规〔2025〕1号"
    )
    draft = f.document(office, issuer=tree.city, title="未印发的办法")
    campaign = services.start_cleanup(
        actor=office, org=tree.city, title="2025年度清理", started_on=D(2025, 11, 3)
    )
    items = {i.document_id: i for i in campaign.items.all()}
    assert set(items) == {keep.pk, gone.pk}
    with pytest.raises(ValidationError, match="未作出清理结论"):
        services.publish_cleanup(campaign=campaign, actor=office, published_on=D(2025, 11, 30))
    services.decide_cleanup(
        item=items[keep.pk], actor=office, outcome=CleanupOutcome.KEEP, decided_on=D(2025, 11, 20)
    )
    services.decide_cleanup(
        item=items[gone.pk], actor=office, outcome=CleanupOutcome.REPEAL, decided_on=D(2025, 11, 20)
    )
    services.publish_cleanup(campaign=campaign, actor=office, published_on=D(2025, 11, 30))
    assert reload(keep).status == Status.IN_FORCE and reload(keep).cleanup_outcome == CleanupOutcome.KEEP
    assert reload(gone).status == Status.REPEALED and reload(gone).ended_on == D(2025, 11, 30)
    assert reload(draft).cleaned_on is None
    with pytest.raises(ValidationError, match="已公布"):
        services.decide_cleanup(
            item=items[keep.pk], actor=office, outcome=CleanupOutcome.VOID, decided_on=D(2025, 12, 1)
        )


def test_expire_not_before_the_end_of_validity(tree, office):
    doc = f.published(office, issuer=tree.city)
    with pytest.raises(ValidationError, match="尚未届满"):
        services.expire_document(case=doc, actor=office, expired_on=D(2026, 1, 1))
    doc = services.expire_document(case=reload(doc), actor=office, expired_on=D(2030, 9, 16))
    assert doc.status == Status.EXPIRED
