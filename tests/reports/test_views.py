"""Reviewer pages: upload several files, the review page with highlights, comparison and export."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import Membership, Org
from fazhi.reviewer.models import ReviewedReport

from .helpers import GOLD_SEEDS, REPORT_LINES, SEEDS, pdf_bytes

PASSWORD = "Fz-test-2025!"


def seed_file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.txt", (SEEDS / f"{name}.txt").read_bytes(), content_type="text/plain")


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def admin_client(client, admin_user, media):
    client.force_login(admin_user)
    return client


@pytest.fixture
def city(db):
    return Org.objects.create(code="990100", name="青城市人民政府", kind=OrgKind.CITY)


def member(username: str, org: Org, role: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, org=org, role=role)
    return user


def upload(client, *files, **extra):
    return client.post(reverse("reviewer:review_upload"), {"files": list(files), **extra})


@pytest.mark.tasks
def test_upload_a_batch_with_a_bad_file(admin_client):
    response = upload(
        admin_client, seed_file(GOLD_SEEDS[3]), seed_file(GOLD_SEEDS[0]), SimpleUploadedFile("empty.txt", b"")
    )
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    html = page.content.decode()
    assert "empty.txt：文件为空" in html  # the error, per file, in Chinese
    assert "已审阅 2 份报告，1 份无法读取" in html
    assert "临汾市" in html and "临夏回族自治州" in html
    assert ReviewedReport.objects.count() == 3
    assert ReviewedReport.objects.get(file_name="empty.txt").error == "文件为空"


@pytest.mark.tasks
def test_review_page_highlights_where_each_figure_came_from(admin_client):
    response = upload(admin_client, seed_file(GOLD_SEEDS[3]))
    report = ReviewedReport.objects.get()
    assert response["Location"] == reverse("reviewer:review_batch", args=[report.batch_id])
    batch_page = admin_client.get(response["Location"]).content.decode()
    detail = reverse("reviewer:review_detail", args=[report.pk])
    assert f'<a href="{detail}">查看审阅结果</a>' in batch_page
    html = admin_client.get(detail).content.decode()
    assert '<a href="#fig-reconsideration-correction_rate">纠错率15.8%</a>' in html
    assert (
        '<mark id="fig-reconsideration-correction_rate" class="figure" title="行政复议纠错率">纠错率<strong>15.8%</strong></mark>'
        in html
    )
    assert '<mark id="finding-' in html  # the rate that fits no base, marked in the text
    assert "比率与件数不符" in html
    assert "✓" in html and "✗" in html
    assert "下一步工作打算" in html  # the heading that carries the plan


@pytest.mark.tasks
def test_highlighting_escapes_the_report_text(admin_client):
    lines = REPORT_LINES[:3] + ["<script>alert(1)</script>全县受理行政复议案件206件。"] + REPORT_LINES[4:]
    upload(admin_client, SimpleUploadedFile("x.txt", "\n".join(lines).encode()))
    report = ReviewedReport.objects.get()
    html = admin_client.get(reverse("reviewer:review_detail", args=[report.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


@pytest.mark.tasks
def test_upload_a_pdf(admin_client):
    upload(
        admin_client,
        SimpleUploadedFile("report.pdf", pdf_bytes(REPORT_LINES), content_type="application/pdf"),
    )
    report = ReviewedReport.objects.get()
    assert report.error == "" and report.figures.get(key="reconsideration.received").value == 206


@pytest.mark.tasks
def test_upload_limit_comes_from_settings(admin_client, settings):
    settings.FAZHI_MAX_UPLOAD_BYTES = 2048
    response = upload(admin_client, seed_file(GOLD_SEEDS[0]))
    html = admin_client.get(response["Location"]).content.decode()
    assert f"{GOLD_SEEDS[0]}.txt：文件过大（16 KB），超过 2 KB 的上限" in html
    assert ReviewedReport.objects.get().error.startswith("文件过大")


def test_upload_without_files(admin_client):
    response = upload(admin_client)
    html = admin_client.get(response["Location"]).content.decode()
    assert "请选择要审阅的报告文件" in html


@pytest.mark.tasks
def test_compare_and_export(admin_client):
    upload(admin_client, *(seed_file(n) for n in GOLD_SEEDS))
    html = admin_client.get(reverse("reviewer:review_compare")).content.decode()
    assert "vendor/echarts.min.js" in html and 'id="compare-data"' in html
    assert "行政复议纠错率" in html and "临夏回族自治州" in html and "叶城县" in html

    response = admin_client.get(reverse("reviewer:review_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["指标对比", "数字与原文", "发现的问题"]
    rows = list(wb["指标对比"].values)
    header = rows[0]
    linfen = next(r for r in rows if r[0] == "临汾市")
    assert linfen[1] == 2024 and linfen[header.index("行政复议纠错率（%）")] == 15.8
    assert any(r[2] == "比率与件数不符" for r in wb["发现的问题"].values)

    only_2024 = admin_client.get(reverse("reviewer:review_compare"), {"year": "2024"}).content.decode()
    assert "临汾市" in only_2024 and "临夏回族自治州" not in only_2024


def test_anonymous_visitor_is_sent_to_login(client, db):
    for name in ("review_list", "review_compare", "review_export"):
        response = client.get(reverse(f"reviewer:{name}"))
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(reverse("reviewer:review_upload")).status_code == 302


@pytest.mark.tasks
def test_reports_are_scoped_to_the_submitting_office(client, city, media):
    county = Org.objects.create(code="990121", name="青城县人民政府", kind=OrgKind.COUNTY, parent=city)
    office = member("office", city, Role.OFFICE)
    leader = member("leader", city, Role.LEADER)
    county_office = member("county", county, Role.OFFICE)

    client.force_login(office)
    upload(client, seed_file(GOLD_SEEDS[3]))
    report = ReviewedReport.objects.get()
    assert report.org == city
    detail = reverse("reviewer:review_detail", args=[report.pk])

    client.force_login(leader)  # reads the city subtree, writes nothing
    assert client.get(detail).status_code == 200
    assert upload(client, seed_file(GOLD_SEEDS[0])).status_code == 403

    client.force_login(county_office)  # another office: neither the page nor the list or the export
    assert client.get(detail).status_code == 404
    assert "临汾市" not in client.get(reverse("reviewer:review_list")).content.decode()
    assert "临汾市" not in client.get(reverse("reviewer:review_compare")).content.decode()


def test_list_page_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries):
    upload(admin_client, *(seed_file(n) for n in GOLD_SEEDS))
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("reviewer:review_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("reviewer:review_compare")).status_code == 200


@pytest.mark.tasks
def test_upload_with_a_work_plan(admin_client):
    plan = SimpleUploadedFile("plan.txt", (SEEDS / "002_c60f17a457bdc50d.txt").read_bytes())
    upload(admin_client, seed_file(GOLD_SEEDS[2]), plan=plan)
    report = ReviewedReport.objects.get()
    assert report.findings.filter(kind="missing_figure", message__contains="工作要点").exists()


@pytest.mark.tasks
def test_the_comparison_export_writes_file_names_and_quotes_as_text(admin_client):
    # The file name and every quote come from the submitted file: a formula there must stay text.
    name = "=SUM(1,2)+1"  # (a "/" would be cut by the upload's file-name cleaning)
    upload(admin_client, SimpleUploadedFile(f"{name}.txt", (SEEDS / f"{GOLD_SEEDS[0]}.txt").read_bytes()))
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(admin_client.get(reverse("reviewer:review_export")).content))
    cells = [c for r in wb["指标对比"].iter_rows(min_row=2) for c in r if c.value == f"{name}.txt"]
    assert cells and all(c.data_type == "s" for c in cells)
