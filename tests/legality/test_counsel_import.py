"""The 法律顾问/公职律师 register's import (legality_counsel) and the counsel of imported reviews: who gave an
opinion on which review, linked to the register; all or nothing with row/field/reason in Chinese."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.indicators.registry import Period, compute
from fazhi.legality.choices import CounselEventKind, CounselKind, CounselStatus, EventKind
from fazhi.legality.importers import CounselImporter, ReviewImporter
from fazhi.legality.models import Counsel, CounselEvent, CounselOpinion, ReviewEvent, ReviewRequest
from tests.legality import factories
from tests.legality.test_importers import xlsx

pytestmark = pytest.mark.django_db
D = date


COUNSEL_HEADERS = [c.header for c in CounselImporter.columns]


def person(**values) -> dict:
    base = {
        "服务（所在）单位": "青城市人民政府",
        "姓名": "孙明",
        "类别": "法律顾问",
        "执业机构": "青城正义律师事务所",
        "聘任（取得证书）日期": D(2024, 3, 1),
        "聘期届满（离任）日期": D(2026, 2, 28),
    }
    base.update(values)
    return base


def run_counsel(rows, user, headers=COUNSEL_HEADERS):
    return import_file("legality_counsel", xlsx(rows, headers, "法律顾问名册"), user=user)


def test_the_register_is_imported_with_its_history(tree, office):
    result = run_counsel(
        [
            person(),
            person(
                姓名="李慧",
                类别="公职律师",
                执业机构=None,
                证书编号="GZ3301202401",
                **{"服务（所在）单位": "青城市市场监督管理局"},
            ),
            person(姓名="王强", 已离任="是", **{"聘期届满（离任）日期": D(2025, 6, 30)}),
        ],
        office,
    )
    assert result.ok, result.messages()
    sun, li, wang = (Counsel.objects.get(name=n) for n in ("孙明", "李慧", "王强"))
    assert sun.org == tree.city and sun.unit == tree.city and sun.status == CounselStatus.ACTIVE
    assert li.kind == CounselKind.PUBLIC_LAWYER and li.unit == tree.unit_a and li.org == tree.city
    assert wang.status == CounselStatus.ENDED
    assert list(CounselEvent.objects.filter(case=wang).values_list("kind", flat=True)) == [
        CounselEventKind.REGISTERED,
        CounselEventKind.ENDED,
    ]
    assert sun.history.first().history_change_reason == "导入"
    values = compute(tree.city, Period.year(2025))
    assert values["counsel.legal_advisers"].value >= 1 and values["counsel.public_lawyers"].value >= 1


def test_a_bad_row_writes_nothing_and_names_row_field_and_reason(tree, office):
    factories.counsel(office, unit=tree.city, name="孙明", firm="青城正义律师事务所")
    result = run_counsel(
        [
            person(姓名="赵一"),
            person(),  # already on the register
            person(姓名="钱二", 类别="公职律师", 执业机构=None),  # no certificate
            person(姓名="赵一"),  # twice in the file
            person(姓名="周三", 已离任="是", **{"聘期届满（离任）日期": None}),
            person(姓名="吴四", 类别="顾问律师"),
        ],
        office,
    )
    assert not result.ok
    text = "\n".join(result.messages())
    assert "第3行" in text and "已在青城市人民政府的名册中" in text
    assert "第4行" in text and "证书编号" in text and "公职律师请填写公职律师证书编号" in text
    assert "第5行" in text and "与第2行重复" in text
    assert "第6行" in text and "已离任的，请填写离任日期" in text
    assert "第7行" in text and "类别" in text
    assert Counsel.objects.count() == 1 and CounselEvent.objects.count() == 1


def test_another_jurisdictions_unit_is_refused_and_nothing_written(tree, county_office):
    result = run_counsel(
        [person(**{"服务（所在）单位": "青城县市场监督管理局"}), person(姓名="李慧")], county_office
    )
    assert not result.ok
    assert any("第3行" in m and "无权导入「青城市人民政府」" in m for m in result.messages())
    assert not Counsel.objects.exists()


def test_a_clerk_imports_its_own_units_people_only(tree, clerk_a):
    """As on the page (register_counsel): a unit's clerk keeps its own unit's entries, not another unit's."""
    own = person(**{"服务（所在）单位": "青城市市场监督管理局"})
    result = run_counsel([own, person(姓名="李慧", **{"服务（所在）单位": "青城市公安局"})], clerk_a)
    assert not result.ok
    assert any("第3行" in m and "无权导入「青城市公安局」" in m for m in result.messages())
    assert not Counsel.objects.exists()
    assert run_counsel([own], clerk_a).ok
    assert Counsel.objects.get().unit == tree.unit_a


def test_the_units_own_headers_are_suggested(tree, office):
    from fazhi.core.importing.mapping import suggest

    headers = ["序号", "聘请单位", "顾问姓名", "人员类别", "律师事务所", "执业证号", "聘任日期", "合同到期日"]
    got = suggest(CounselImporter.columns, headers)
    assert got["unit"] == "聘请单位" and got["name"] == "顾问姓名" and got["firm"] == "律师事务所"
    assert got["start_on"] == "聘任日期" and got["end_on"] == "合同到期日"


def test_the_register_page_offers_its_import(tree, login, office, leader):
    from django.urls import reverse

    assert (
        'href="/import/legality_counsel/"'
        in login(office).get(reverse("legality:counsel_list")).content.decode()
    )
    assert "legality_counsel" not in login(leader).get(reverse("legality:counsel_list")).content.decode()
    body = login(office).get("/import/legality_counsel/").content.decode()
    assert "法律顾问、公职律师" in body


def test_the_export_reimports(tree, office):
    run_counsel(
        [person(), person(姓名="王强", 已离任="是", **{"聘期届满（离任）日期": D(2025, 6, 30)})], office
    )
    data, count = export_bytes(office, "legality_counsel")
    assert count == 2
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0][: len(COUNSEL_HEADERS)]) == COUNSEL_HEADERS
    assert {r[1] for r in rows[1:] if r[1]} == {"孙明", "王强"}


# -- the counsel of imported reviews -----------------------------------------------------------------------

REVIEW_HEADERS = [c.header for c in ReviewImporter.columns]


def review_row(**values) -> dict:
    base = {
        "送审单位": "青城市市场监督管理局",
        "送审事项": "青城市停车收费管理办法（送审稿）",
        "审核类别": "行政规范性文件草案",
        "收件日期": D(2025, 9, 15),
        "审核结论": "同意",
        "出具意见日期": D(2025, 9, 25),
        "书面审核意见": "同意",
    }
    base.update(values)
    return base


def run_reviews(rows, user):
    return import_file("legality", xlsx(rows, REVIEW_HEADERS, "合法性审核"), user=user)


def test_imported_reviews_name_their_counsel(tree, office):
    sun = factories.counsel(office, unit=tree.city, name="孙明")
    li = factories.counsel(
        office, unit=tree.city, name="李慧", kind=CounselKind.PUBLIC_LAWYER, certificate_no="GZ1"
    )
    result = run_reviews(
        [
            review_row(**{"参与的法律顾问、公职律师": "孙明、李慧", "法律顾问意见": "建议删除第五条"}),
            review_row(
                送审事项="另一件",
                **{"参与的法律顾问、公职律师": "孙明", "法律顾问提出意见日期": D(2025, 9, 20)},
            ),
            review_row(送审事项="无顾问"),
        ],
        office,
    )
    assert result.ok, result.messages()
    first = ReviewRequest.objects.get(title="青城市停车收费管理办法（送审稿）")
    opinions = CounselOpinion.objects.filter(request=first).order_by("counsel_id")
    assert [(o.counsel, o.given_on, o.text) for o in opinions] == [
        (sun, D(2025, 9, 25), "建议删除第五条"),
        (li, D(2025, 9, 25), "建议删除第五条"),
    ]
    assert first.counsel_consulted
    assert ReviewEvent.objects.filter(case=first, kind=EventKind.COUNSEL).count() == 2
    second = ReviewRequest.objects.get(title="另一件")
    assert list(second.counsel_opinions.values_list("given_on", flat=True)) == [D(2025, 9, 20)]
    assert not ReviewRequest.objects.get(title="无顾问").counsel_consulted
    assert sun.opinions.count() == 2
    values = compute(tree.city, Period.year(2025))
    assert values["counsel.participations"].value == 3
    # the export names them, and the names re-import
    ws = load_workbook(io.BytesIO(export_bytes(office, "legality")[0])).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    at = list(rows[0]).index("参与的法律顾问、公职律师")
    assert sorted(r[at] or "" for r in rows[1:] if r[0]) == ["", "孙明", "孙明、李慧"]  # in the row's order


def test_unknown_or_ambiguous_counsel_is_refused(tree, office, county_office):
    factories.counsel(office, unit=tree.city, name="孙明")
    factories.counsel(office, unit=tree.unit_a, name="孙明", firm="另一律师事务所")
    factories.counsel(county_office, unit=tree.county, name="县顾问")
    result = run_reviews(
        [
            review_row(**{"参与的法律顾问、公职律师": "孙明"}),
            review_row(**{"参与的法律顾问、公职律师": "县顾问"}),
            review_row(**{"参与的法律顾问、公职律师": "不存在"}),
            review_row(**{"法律顾问意见": "无人署名的意见"}),
            review_row(
                审核结论=None, 出具意见日期=None, 书面审核意见=None, **{"参与的法律顾问、公职律师": "县顾问"}
            ),
        ],
        office,
    )
    assert not result.ok
    text = "\n".join(result.messages())
    assert "第2行" in text and "名册中有2名「孙明」" in text
    assert "第3行" in text and "「县顾问」不在青城市人民政府或上级的法律顾问、公职律师名册中" in text
    assert "第4行" in text and "「不存在」不在" in text
    assert "第5行" in text and "请填写参与的法律顾问、公职律师" in text
    assert "第6行" in text and "请填写法律顾问提出意见日期" in text
    assert not ReviewRequest.objects.exists() and not CounselOpinion.objects.exists()
