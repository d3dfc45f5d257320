"""The office's own report checked against its records (issue 16 §3): an edited report uploaded back lists every
figure that differs from Fazhi's records for its org and year, with the records' link, and every 文号 it cites
that no record carries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.indicators.selectors import indicator_rows
from fazhi.plans.models import WorkPlan
from fazhi.reviewer.crosscheck import cross_check
from fazhi.reviewer.models import ReviewedReport
from tests.factories import build_indicator_dataset, build_org_tree, build_personas

KEYS = ["reconsideration.received", "reconsideration.concluded"]


@pytest.fixture
def world(db):
    tree = build_org_tree()
    people = build_personas(tree)
    build_indicator_dataset(tree, people.office)
    WorkPlan.objects.create(
        org=tree.city, year=2025, title="青城市2025年法治政府建设工作要点", doc_number="青政办〔2025〕12号"
    )
    return tree, people


def edited_report(received: int, concluded: int) -> bytes:
    return (
        "青城市人民政府关于2025年度法治政府建设情况的报告\n\n"
        "一、主要举措和成效\n\n"
        "印发《青城市2025年法治政府建设工作要点》(青政办[2025]12号),制定《青城市重大行政决策程序规定》"
        "(青政发〔2025〕7号)。\n\n"
        f"全年新收行政复议案件{received}件,审结行政复议案件{concluded}件。\n\n"
        "二、存在的不足\n\n三、2026年工作安排\n\n持续推进。\n"
    ).encode()


def upload(client, data: bytes):
    f = SimpleUploadedFile("edited.txt", data, content_type="text/plain")
    response = client.post(reverse("reviewer:review_upload"), {"files": [f]})
    assert response.status_code == 302
    return ReviewedReport.objects.latest("pk")


def test_differing_figures_and_unknown_doc_numbers(world, client):
    tree, people = world
    computed = {r.value.key: r.value.value for r in indicator_rows(tree.city, 2025, KEYS)}
    client.force_login(people.office)
    report = upload(
        client, edited_report(computed["reconsideration.received"], computed["reconsideration.concluded"] + 3)
    )

    check = cross_check(report, people.office)
    assert check.org == tree.city and check.year == 2025
    assert check.agreeing == 1
    [diff] = check.differences
    assert diff.key == "reconsideration.concluded"
    assert diff.stated == computed["reconsideration.concluded"] + 3
    assert diff.computed == computed["reconsideration.concluded"]
    assert diff.url  # the records behind the computed figure
    # The plan's 文号 is known whatever its brackets; the 规定's is not.
    assert [r.number for r in check.missing_records] == ["青政发〔2025〕7号"]

    html = client.get(reverse("reviewer:review_detail", args=[report.pk])).content.decode()
    assert "1 个数字与本系统记录不一致" in html
    assert diff.url.replace("&", "&amp;") in html
    assert "引用了本系统中没有记录的文号（1）" in html and "青政发〔2025〕7号" in html


def test_a_report_that_agrees(world, client):
    tree, people = world
    computed = {r.value.key: r.value.value for r in indicator_rows(tree.city, 2025, KEYS)}
    client.force_login(people.office)
    report = upload(
        client, edited_report(computed["reconsideration.received"], computed["reconsideration.concluded"])
    )
    check = cross_check(report, people.office)
    assert check.differences == [] and check.agreeing == 2
    html = client.get(reverse("reviewer:review_detail", args=[report.pk])).content.decode()
    assert "报告中的数字与本系统记录一致" in html


def test_no_check_for_an_org_the_reader_cannot_see(world, client):
    tree, people = world
    client.force_login(people.county_office)
    report = upload(client, edited_report(1, 1))
    check = cross_check(report, people.county_office)
    assert check.org != tree.city  # the county office does not see the city's records
    html = client.get(reverse("reviewer:review_detail", args=[report.pk])).content.decode()
    if check.org is None:
        assert "无法与本系统记录核对" in html
