"""地方政府规章 in the register: who may make them (立法法 第九十三条第一款) and their filing (立法法 第一百零九条第（四）项:
within 30 days of publication to the 国务院 and the 本级人大常委会; a 设区的市's also to the 省、自治区 人大常委会 and
人民政府). Calendar days, start day not counted, a last day that is a 法定休假日 moves to the next working day.
Their effective date (规章制定程序条例 第三十二条: "规章应当自公布之日起30日后施行"): publication day not counted, day
30 the period's last day, in force from day 31 at the earliest, never moved for a holiday.
2025 国庆: 10月1日(三)–10月8日(三) 放假. 2025 春节: 1月28日(二)–2月4日(二) 放假."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import due
from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import JurisdictionSetting
from fazhi.law.deadlines import RULES
from fazhi.normative import rules, services
from fazhi.normative.choices import DocKind, EffectiveException, Filing
from fazhi.normative.models import NormativeDocument
from tests.factories import make_org, make_user

pytestmark = pytest.mark.django_db
D = date


def registered(actor, issuer, *, title="青城市物业管理办法", registered_on=date(2025, 9, 1)):
    return services.register_document(
        actor=actor,
        issuer=issuer,
        title=title,
        registered_on=registered_on,
        legality_review="青法审〔2025〕7号",
        kind=DocKind.RULE,
    )


def rule(
    actor,
    issuer,
    *,
    published_on=date(2025, 9, 16),
    registered_on=date(2025, 9, 1),
    title="青城市物业管理办法",
    effective_on=None,
    **publish,
):
    doc = registered(actor, issuer, title=title, registered_on=registered_on)
    return services.publish_document(
        case=doc,
        actor=actor,
        doc_number="青城市人民政府令第12号",
        published_on=published_on,
        # 规章制定程序条例 第三十二条: in force from the 31st day after publication at the earliest
        effective_on=effective_on or published_on + timedelta(days=31),
        **publish,
    )


def test_a_city_rule_is_filed_four_ways_within_thirty_days(tree, office):
    doc = rule(office, tree.city)
    assert doc.kind == DocKind.RULE
    assert rules.filings(doc) == [
        Filing.STATE_COUNCIL,
        Filing.CONGRESS,
        Filing.PROVINCE_CONGRESS,
        Filing.GOVERNMENT,
    ]
    # Published Tue 2025-09-16; day 30 = Thu 10/16, a working day.
    for f in ("state_council", "congress", "province_congress", "government"):
        assert getattr(doc, f"{f}_due") == D(2025, 10, 16), f
    d = rules.filing_deadline(doc, Filing.STATE_COUNCIL)
    assert "立法法" in d.explanation or "立法法" in RULES[d.rule].citation
    assert (
        RULES["normative.rule_filing_state_council"].citation
        == "《中华人民共和国立法法》第一百零九条第（四）项"
    )
    assert "应当在公布后的三十日内" in RULES["normative.rule_filing_congress"].text


def test_rule_filing_past_the_national_day_and_the_spring_festival(tree, office):
    # Published Mon 2025-09-01; day 30 = Wed 10/1 (国庆) → Thu 10/9.
    a = rule(office, tree.city, published_on=D(2025, 9, 1), registered_on=D(2025, 8, 20))
    assert a.state_council_due == D(2025, 10, 9)
    # Published Mon 2024-12-30; day 30 = Wed 2025-01-29 (春节) → Wed 2/5.
    b = rule(
        office,
        tree.city,
        published_on=D(2024, 12, 30),
        registered_on=D(2024, 12, 20),
        title="青城市养犬管理规定",
    )
    assert b.province_congress_due == D(2025, 2, 5)


def test_the_local_filing_days_do_not_change_a_rule(tree, office):
    # 20日 is the office's rule for its 规范性文件; a 规章 keeps the 立法法's 30日.
    JurisdictionSetting.objects.create(org=tree.city, key="normative.filing_government_days", value="20")
    doc = rule(office, tree.city)
    assert doc.government_due == D(2025, 10, 16)


def test_a_province_rule_goes_to_the_state_council_and_its_congress_only():
    province = make_org("990000", "青省人民政府", OrgKind.PROVINCE, short_name="青省")
    clerk = make_user("province_office", org=province, role=Role.OFFICE)
    doc = rule(clerk, province, title="青省安全生产条例实施办法")
    assert rules.filings(doc) == [Filing.STATE_COUNCIL, Filing.CONGRESS]
    assert doc.province_congress_due is None and doc.government_due is None
    with pytest.raises(ValidationError, match="该规章不报省、自治区人大常委会备案"):
        services.file_document(
            case=doc, actor=clerk, filing=Filing.PROVINCE_CONGRESS, filed_on=D(2025, 9, 20)
        )


def test_a_county_may_not_register_a_rule(tree, office):
    with pytest.raises(ValidationError) as exc:
        services.register_document(
            actor=office,
            issuer=tree.county,
            title="青城县殡葬管理办法",
            registered_on=D(2025, 9, 1),
            kind=DocKind.RULE,
        )
    message = exc.value.message_dict["kind"][0]
    assert "青城县人民政府不具有规章制定权" in message
    assert "第九十三条第一款" in message and "设区的市、自治州的人民政府" in message
    assert not NormativeDocument.objects.exists()


def test_a_department_may_not_register_a_rule(tree, office):
    with pytest.raises(ValidationError, match="地方政府规章由本级人民政府制定"):
        services.register_document(
            actor=office,
            issuer=tree.unit_a,
            title="青城市市场监管办法",
            registered_on=D(2025, 9, 1),
            kind=DocKind.RULE,
        )


def test_rulemaking_power_is_a_setting_of_the_jurisdiction(tree, office):
    JurisdictionSetting.objects.create(org=tree.city, key="normative.rulemaking_power", value="否")
    assert not rules.has_rulemaking_power(tree.city)
    with pytest.raises(ValidationError, match="不具有规章制定权"):
        services.register_document(
            actor=office,
            issuer=tree.city,
            title="青城市物业管理办法",
            registered_on=D(2025, 9, 1),
            kind=DocKind.RULE,
        )
    # …and a county has none even when a setting above it says yes
    JurisdictionSetting.objects.filter(org=tree.city).update(value="是")
    assert rules.has_rulemaking_power(tree.city)
    assert not rules.has_rulemaking_power(tree.county)


def test_open_rule_filings_are_in_the_due_list_under_the_act(tree, office):
    doc = rule(office, tree.city)
    services.file_document(case=doc, actor=office, filing=Filing.STATE_COUNCIL, filed_on=D(2025, 9, 30))
    items = [i for i in due.due_list(office, "", D(2025, 10, 1), 50) if i.record.pk == doc.pk]
    assert sorted(i.source for i in items) == [
        "normative.rule_filing_congress",
        "normative.rule_filing_government",
        "normative.rule_filing_province_congress",
    ]
    assert all(i.due_on == D(2025, 10, 16) and i.days_left == 15 for i in items)
    assert all("《中华人民共和国立法法》第一百零九条" in i.rule for i in items)
    # overdue on 10/17: all three, and a 规范性文件's sources do not list it
    late = [i for i in due.due_list(office, due.OVERDUE, D(2025, 10, 17), 50) if i.record.pk == doc.pk]
    assert len(late) == 3 and not any(i.source.startswith("normative.filing_") for i in late)


def test_a_rule_filed_late_is_not_on_time(tree, office):
    doc = rule(office, tree.city)
    for f, on in (
        (Filing.STATE_COUNCIL, D(2025, 10, 10)),
        (Filing.CONGRESS, D(2025, 10, 16)),
        (Filing.PROVINCE_CONGRESS, D(2025, 10, 16)),
    ):
        doc = services.file_document(case=doc, actor=office, filing=f, filed_on=on)
    assert doc.filed_on_time is None
    doc = services.file_document(case=doc, actor=office, filing=Filing.GOVERNMENT, filed_on=D(2025, 10, 17))
    assert doc.filed_on_time is False


def test_the_page_refuses_a_county_rule_with_the_article(tree, office, login):
    client = login(office)
    data = {
        "kind": "rule",
        "issuer": tree.county.pk,
        "title": "青城县殡葬管理办法",
        "registered_on": "2025-09-01",
    }
    r = client.post("/normative/new/", data)
    assert r.status_code == 200
    body = r.content.decode()
    assert "不具有规章制定权" in body and "第九十三条第一款" in body
    assert not NormativeDocument.objects.exists()
    data["issuer"] = tree.city.pk
    r = client.post("/normative/new/", data)
    assert r.status_code == 302
    doc = NormativeDocument.objects.get()
    assert doc.kind == DocKind.RULE
    assert "地方政府规章" in client.get(f"/normative/{doc.pk}/").content.decode()


# -- 施行日期: 规章制定程序条例 第三十二条 -----------------------------------------------------------------------------
def test_a_rule_takes_effect_thirty_days_after_publication(tree, office):
    assert RULES["normative.rule_effective"].citation == "《规章制定程序条例》第三十二条"
    assert RULES["normative.rule_effective"].text.startswith("规章应当自公布之日起30日后施行；但是，")
    # Published Tue 2025-09-16: day 1 = 9/17 (14 days of September) + 16 days of October → day 30 = Thu 10/16;
    # "30日后施行" → Fri 10/17 at the earliest.
    with pytest.raises(ValidationError) as exc:
        rule(office, tree.city, effective_on=D(2025, 10, 16))
    message = exc.value.message_dict["effective_on"][0]
    assert "2025-10-16" in message and "最早2025-10-17" in message
    assert "《规章制定程序条例》第三十二条" in message and "规章应当自公布之日起30日后施行" in message
    assert not NormativeDocument.objects.filter(published_on__isnull=False).exists()
    doc = rule(office, tree.city, effective_on=D(2025, 10, 17), title="青城市养犬管理规定")
    assert doc.effective_earliest == D(2025, 10, 17) and doc.effective_on == D(2025, 10, 17)
    effective = rules.effective_deadline(doc)
    assert effective.last_day == D(2025, 10, 16)
    assert "第三十二条" in effective.explanation and "2025年10月17日" in effective.explanation


def test_the_earliest_effective_day_is_not_moved_for_a_holiday(tree, office):
    # Published Mon 2025-09-01: day 30 = Wed 10/1; day 31 = Thu 10/2, in the 国庆 holiday, and not moved.
    a = rule(office, tree.city, published_on=D(2025, 9, 1), registered_on=D(2025, 8, 20))
    assert a.effective_earliest == D(2025, 10, 2)
    # Published Mon 2024-12-30: 1 day of December + 29 of January → day 30 = Wed 2025-01-29 (春节);
    # day 31 = Thu 1/30, also 春节 — the filing due moves to 2/5, the effective date does not.
    b = rule(
        office,
        tree.city,
        published_on=D(2024, 12, 30),
        registered_on=D(2024, 12, 20),
        title="青城市养犬管理规定",
    )
    assert b.effective_earliest == D(2025, 1, 30) and b.state_council_due == D(2025, 2, 5)


def test_the_exception_of_article_32_needs_its_case_and_reason(tree, office):
    with pytest.raises(ValidationError) as exc:
        rule(
            office,
            tree.city,
            effective_on=D(2025, 9, 16),
            effective_exception=EffectiveException.HINDRANCE,
        )
    assert "请写明提前施行的理由" in exc.value.message_dict["effective_reason"][0]
    doc = rule(
        office,
        tree.city,
        title="青城市防汛应急管理办法",
        effective_on=D(2025, 9, 16),
        effective_exception=EffectiveException.HINDRANCE,
        effective_reason="汛期在即，公布后不立即施行将有碍防汛措施落实",
    )
    assert doc.effective_on == D(2025, 9, 16) and doc.effective_earliest == D(2025, 10, 17)
    note = doc.events.get(kind="published").note
    assert "公布后不立即施行将有碍规章施行" in note


def test_the_exception_is_for_rules_only(tree, office):
    doc = services.register_document(
        actor=office,
        issuer=tree.city,
        title="青城市城市供热管理办法",
        registered_on=D(2025, 9, 1),
        legality_review="青法审1",
    )
    with pytest.raises(ValidationError, match="仅适用于地方政府规章"):
        services.publish_document(
            case=doc,
            actor=office,
            doc_number="青政规〔2025〕1号",
            published_on=D(2025, 9, 16),
            effective_on=D(2025, 9, 16),
            effective_exception=EffectiveException.NATIONAL_SECURITY,
            effective_reason="x",
        )
    # a 规范性文件 keeps its own (local) effective date: no 30-day minimum
    doc = services.publish_document(
        case=doc,
        actor=office,
        doc_number="青政规〔2025〕1号",
        published_on=D(2025, 9, 16),
        effective_on=D(2025, 9, 16),
    )
    assert doc.effective_earliest is None


def test_the_publish_page_refuses_an_early_rule_and_shows_the_earliest_day(tree, office, login):
    client = login(office)
    doc = registered(office, tree.city)
    data = {
        "doc_number": "青城市人民政府令第12号",
        "published_on": "2025-09-16",
        "effective_on": "2025-10-01",
        "version": doc.version,
    }
    r = client.post(f"/normative/{doc.pk}/action/publish/", data, follow=True)
    body = r.content.decode()
    assert "第三十二条" in body and "最早2025-10-17" in body
    doc.refresh_from_db()
    assert doc.published_on is None
    data["effective_on"] = "2025-11-01"
    assert client.post(f"/normative/{doc.pk}/action/publish/", data).status_code == 302
    body = client.get(f"/normative/{doc.pk}/").content.decode()
    assert "最早施行日期" in body and "2025年10月17日" in body


# -- 有效期: a 规章 is not a 行政规范性文件 ---------------------------------------------------------------------------
# 规章制定程序条例 sets no 有效期: a 规章 stays in force until amended or repealed after 清理 (第三十七条) or 立法后评估
# (第三十八条); 立法法 第一百一十六条 likewise only 清理. The ≤5-year / 暂行、试行 2-year 有效期 belongs to the local rules
# on 行政规范性文件, which define those as documents "除政府规章外".
def test_a_rule_has_no_validity_period_by_default(tree, office):
    doc = rule(office, tree.city, title="青城市城市绿化管理暂行办法")
    assert doc.validity_years is None and doc.expires_on is None
    # never in the due list as nearing the end of validity
    doc.refresh_from_db()
    assert doc.expires_on is None


def test_a_rule_may_state_its_own_validity_beyond_the_document_limit(tree, office):
    # the 规章 itself says "有效期至…": it is recorded as given, the 规范性文件 limit (5 years, 暂行 2) does not apply
    doc = rule(office, tree.city, title="青城市物业管理暂行办法", validity_years=6)
    assert doc.validity_years == 6
    assert doc.expires_on == D(2031, 10, 16)  # in force 2025-10-17, six years: the day before the anniversary


def test_a_normative_document_keeps_its_limit(tree, office):
    doc = services.register_document(
        actor=office, issuer=tree.city, title="青城市物业服务收费管理暂行办法", registered_on=D(2025, 9, 1),
        legality_review="青法审〔2025〕8号",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="有效期不得超过2年"):
        services.publish_document(
            case=doc, actor=office, doc_number="青政规〔2025〕3号", published_on=D(2025, 9, 16),
            effective_on=D(2025, 9, 16), validity_years=3,
        )  # fmt: skip
