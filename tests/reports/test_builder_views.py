"""Annual report pages, services and CLI: the permission ladder (office edits, a clerk cannot touch the city's
report, a leader only reads, another county's office does not see it), editing with live figures, publication,
the public page without login, the disclosure deadline, and `fazhi report`."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from docx import Document

import fazhi.urls
from fazhi.reports import builder_urls
from fazhi.reports.builder import draft as drafting
from fazhi.reports.builder import selectors, services
from fazhi.reports.models import AnnualReport, AnnualReportStatus, FigureRef

from .test_builder import YEAR, build_world, docx_text

# The builder's pages as the project mounts them (fazhi/urls.py); added here when not mounted yet.
urlpatterns = list(fazhi.urls.urlpatterns)
_namespaces = {getattr(p, "namespace", None) for p in urlpatterns}
if "annual_reports" not in _namespaces:
    urlpatterns.append(path("reports/annual/", include("fazhi.reports.builder_urls")))
if "public_reports" not in _namespaces:
    urlpatterns.append(path("public/reports/", include(builder_urls.public_patterns)))

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Published files go to a temporary MEDIA_ROOT, not ./var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def report(world):
    rep = services.create_report(org=world.city, year=YEAR, actor=world.office)
    assert rep.doc_number == ""  # the 发文字号 comes from the office's numbering on publication
    # The author writes or removes what the records do not back (【待补充：…】), as before publication.
    written = {s.key: drafting.GAP_RE.sub("", s.text) for s in rep.sections.all()}
    return services.update_report(
        report=rep,
        actor=world.office,
        header={"doc_number": "青政〔2026〕7号", "signer": "李明", "signed_on": date(2026, 3, 20)},
        sections=written,
    )


# ---------------------------------------------------------------------------------------------------------
# List, deadline, create


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("annual_reports:list"))
    assert response.status_code == 302 and "login" in response["Location"]


@time_machine.travel(date(2026, 3, 20))
def test_list_shows_the_deadline_and_days_left(login, world, report):
    county = services.create_report(org=world.county, year=YEAR, actor=world.county_office)
    html = login(world.office).get(reverse("annual_reports:list")).content.decode()
    assert "青川市" in html and "青山县" in html  # the city office sees its county's report too
    assert "2026-04-01前" in html
    assert "剩12日" in html  # 3月20日 → 4月1日
    assert county.pk


@time_machine.travel(date(2026, 4, 11))
def test_list_shows_overdue_and_offers_the_missing_draft(login, world):
    html = login(world.office).get(reverse("annual_reports:list")).content.decode()
    assert "青川市2025年度报告尚未编制" in html
    assert "超期11日" in html  # 4月1日 is the first day late
    assert "一键生成草稿" in html


def test_deadline_arithmetic():
    assert selectors.deadline(2025, today=date(2026, 3, 31)).text == "剩1日"
    assert selectors.deadline(2025, today=date(2026, 4, 1)).text == "超期1日"
    assert selectors.deadline(2025, published_on=date(2026, 3, 31)).text == "按时公开"
    assert selectors.deadline(2025, published_on=date(2026, 4, 3)).text == "逾期3日公开"


def test_office_generates_a_draft_in_one_click(login, world):
    c = login(world.office)
    response = c.post(reverse("annual_reports:create"), {"org": world.city.pk, "year": YEAR})
    rep = AnnualReport.objects.get(org=world.city, year=YEAR)
    assert response.status_code == 302 and response["Location"] == reverse(
        "annual_reports:edit", args=[rep.pk]
    )
    assert sorted(s.key for s in rep.sections.all()) == sorted(drafting.SECTION_KEYS)
    assert rep.title == "青川市人民政府关于2025年度法治政府建设情况的报告"
    assert rep.history.first().history_user == world.office
    # A second click opens the same report.
    again = c.post(reverse("annual_reports:create"), {"org": world.city.pk, "year": YEAR})
    assert again["Location"] == response["Location"]
    assert AnnualReport.objects.count() == 1


def test_clerk_and_leader_cannot_create_the_citys_report(login, world):
    for user in (world.clerk_a, world.leader):
        response = login(user).post(reverse("annual_reports:create"), {"org": world.city.pk, "year": YEAR})
        assert response.status_code == 403
    assert not AnnualReport.objects.exists()


def test_list_queries_do_not_grow_with_rows(login, world):
    c = login(world.office)
    services.create_report(org=world.city, year=YEAR, actor=world.office)
    c.get(reverse("annual_reports:list"))
    with CaptureQueriesContext(connection) as one:
        c.get(reverse("annual_reports:list"))
    services.create_report(org=world.county, year=YEAR, actor=world.office)
    services.create_report(org=world.city, year=YEAR - 1, actor=world.office)
    with CaptureQueriesContext(connection) as three:
        c.get(reverse("annual_reports:list"))
    assert len(three) == len(one)


# ---------------------------------------------------------------------------------------------------------
# Editing


def test_editor_shows_sections_picker_and_live_figures_with_drilldown(login, world, report):
    html = login(world.office).get(reverse("annual_reports:edit", args=[report.pk])).content.decode()
    for key in drafting.SECTION_KEYS:
        assert f'name="section_{key}"' in html
    assert "一、2025年度法治政府建设主要举措和成效" in html and "五、其他需要报告的情况" in html
    assert "插入数据" in html and 'data-token="reconsideration.correction_rate.numerator"' in html
    # Preview: the figure with a link to the records behind it.
    assert f"{reverse('reconsideration:list')}?indicator=reconsideration.correction_rate" in html
    assert ">40.0%<" in html
    assert "草稿未写入的语句" in html and "12345热线受理件数" in html


def test_office_edits_a_section_and_the_figure_stays_live(login, world, report):
    c = login(world.office)
    text = "（一）行政复议\n全年审结{{ reconsideration.concluded }}，纠错率{{ reconsideration.correction_rate }}。"
    response = c.post(
        reverse("annual_reports:edit", args=[report.pk]),
        {
            "title": report.title,
            "issuer": report.issuer,
            "addressee": report.addressee,
            "signed_on": "2026-03-20",
            "doc_number": "青政〔2026〕7号",
            "section_measures_and_results": text,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.doc_number == "青政〔2026〕7号" and report.signed_on == date(2026, 3, 20)
    section = report.sections.get(key="measures_and_results")
    assert section.text == text and section.history.first().history_user == world.office
    docx = c.get(reverse("annual_reports:download", args=[report.pk, "docx"]))
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    assert "全年审结10件，纠错率40.0%。" in docx_text(docx.content)


def test_an_editor_opened_before_a_colleagues_save_is_refused_and_keeps_the_text(login, world, report):
    """Lost updates (issue 8, defect 5): the editor posts the report's version; a stale page changes nothing."""
    url = reverse("annual_reports:edit", args=[report.pk])
    c = login(world.office)
    v = report.version  # 2: drafted, then numbered (the fixture)
    assert f'<input type="hidden" name="version" value="{v}">' in c.get(url).content.decode()
    assert (
        c.post(url, {"version": str(v), "section_other_matters": "同事的修改"}).status_code == 302
    )  # a colleague
    response = c.post(url, {"version": str(v), "section_other_matters": "我的修改"})  # the page opened before
    assert response.status_code == 400
    html = response.content.decode()
    assert "未保存：该记录已被他人修改，请刷新后重试" in html and "我的修改" in html
    assert report.sections.get(key="other_matters").text == "同事的修改"
    assert f'<input type="hidden" name="version" value="{v + 1}">' in c.get(url).content.decode()
    assert c.post(url, {"version": str(v + 1), "section_other_matters": "我的修改"}).status_code == 302
    assert report.sections.get(key="other_matters").text == "我的修改"


def test_unknown_placeholder_is_refused_naming_it(login, world, report):
    c = login(world.office)
    response = c.post(
        reverse("annual_reports:edit", args=[report.pk]),
        {
            "section_next_year_plan": "目标{{ litigation.head_apperance_rate }}",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "未保存" in html and "litigation.head_apperance_rate" in html
    assert "head_apperance" not in report.sections.get(key="next_year_plan").text


def test_htmx_preview_renders_figures_and_errors(login, world, report):
    c = login(world.office)
    url = reverse("annual_reports:preview", args=[report.pk])
    ok = c.post(
        url, {"section": "other_matters", "section_other_matters": "受理{{ reconsideration.received }}"}
    )
    assert "12件" in ok.content.decode()
    missing = c.post(
        url, {"section": "other_matters", "section_other_matters": "{{ legal_services.notary_cases }}"}
    )
    assert "【无数据：办理公证案件数】" in missing.content.decode()
    bad = c.post(url, {"section": "other_matters", "section_other_matters": "{{ nope }}"})
    assert "nope" in bad.content.decode()


def test_clerk_cannot_read_or_edit_the_citys_report(login, world, report):
    c = login(world.clerk_a)
    assert c.get(reverse("annual_reports:edit", args=[report.pk])).status_code == 404
    assert (
        c.post(reverse("annual_reports:edit", args=[report.pk]), {"section_other_matters": "x"}).status_code
        == 404
    )
    assert c.get(reverse("annual_reports:download", args=[report.pk, "docx"])).status_code == 404
    assert c.post(reverse("annual_reports:publish", args=[report.pk]), {}).status_code == 404
    assert report.sections.get(key="other_matters").text != "x"


def test_another_countys_office_does_not_see_the_citys_report(login, world, report):
    assert login(world.county_office).get(reverse("annual_reports:edit", args=[report.pk])).status_code == 404


def test_leader_reads_but_cannot_change(login, world, report):
    c = login(world.leader)
    page = c.get(reverse("annual_reports:edit", args=[report.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<fieldset disabled>" in html and "标记为已公开" not in html and "插入数据" not in html
    assert c.get(reverse("annual_reports:download", args=[report.pk, "docx"])).status_code == 200
    before = report.sections.get(key="other_matters").text
    assert (
        c.post(reverse("annual_reports:edit", args=[report.pk]), {"section_other_matters": "x"}).status_code
        == 403
    )
    assert c.post(reverse("annual_reports:regenerate", args=[report.pk]), {}).status_code == 403
    response = c.post(
        reverse("annual_reports:publish", args=[report.pk]),
        {"published_on": "2026-03-25", "public_url": "https://example.gov.cn/r"},
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == AnnualReportStatus.DRAFT
    assert report.sections.get(key="other_matters").text == before


def test_regenerate_one_section_from_the_records(login, world, report):
    s = report.sections.get(key="shortcomings_and_causes")
    s.text = "旧文字"
    s.save()
    c = login(world.office)
    c.post(reverse("annual_reports:regenerate", args=[report.pk]), {"section": "shortcomings_and_causes"})
    assert report.sections.get(key="shortcomings_and_causes").text.startswith(
        "对照上级部署要求和人民群众期盼，2025年全市法治政府建设"
    )


# ---------------------------------------------------------------------------------------------------------
# Publication and the public page


def _publish(c, report, url="https://www.qingchuan.example.gov.cn/zwgk/2026/report.html", on="2026-03-25"):
    return c.post(
        reverse("annual_reports:publish", args=[report.pk]), {"published_on": on, "public_url": url}
    )


@pytest.mark.tasks
@time_machine.travel(date(2026, 3, 28))
def test_publish_freezes_files_and_figures_and_locks_the_period(
    login, world, report, monkeypatch, django_capture_on_commit_callbacks
):
    locked = []
    monkeypatch.setattr(services, "_lock_reported_period", lambda **kw: locked.append(kw))
    c = login(world.office)
    with django_capture_on_commit_callbacks(execute=True):
        response = _publish(c, report)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == AnnualReportStatus.PUBLISHED and report.published_on == date(2026, 3, 25)
    assert report.docx_file and "青川市人民政府关于2025年度法治政府建设情况的报告" in docx_text(
        report.docx_file.read()
    )
    assert report.pdf_file or report.pdf_error  # the background task ran (PDF, or why not)
    assert locked == [{"org": world.city, "year": YEAR, "actor": world.office}]
    refs = list(FigureRef.objects.filter(report=report))
    assert refs and {
        r.text for r in refs if r.key == "reconsideration.correction_rate" and r.part == "value"
    } == {"40.0%"}
    # Published is final: edits and regeneration are refused, the list says 按时公开.
    c.post(reverse("annual_reports:edit", args=[report.pk]), {"section_other_matters": "改"})
    assert report.sections.get(key="other_matters").text != "改"
    assert "按时公开" in c.get(reverse("annual_reports:list")).content.decode()


def test_publish_calls_the_period_lock_service(login, world, report, django_capture_on_commit_callbacks):
    locks = pytest.importorskip("fazhi.indicators.locks")
    with django_capture_on_commit_callbacks(execute=False):
        services.publish_report(
            report=report,
            actor=world.office,
            published_on=date(2026, 3, 25),
            public_url="https://example.gov.cn/r",
        )
    assert locks.get_lock(world.city, YEAR) is not None


def test_publish_refuses_missing_figures_bad_url_and_future_date(login, world, report):
    c = login(world.office)
    assert (
        "公开网址"
        in c.post(
            reverse("annual_reports:publish", args=[report.pk]),
            {"published_on": "2026-03-25", "public_url": "not a url"},
            follow=True,
        ).content.decode()
    )
    services.update_report(
        report=report, actor=world.office, sections={"other_matters": "公证{{ legal_services.notary_cases }}"}
    )
    _publish(c, report)
    html = c.get(reverse("annual_reports:edit", args=[report.pk])).content.decode()
    assert "办理公证案件数" in html
    report.refresh_from_db()
    assert report.status == AnnualReportStatus.DRAFT
    services.update_report(report=report, actor=world.office, sections={"other_matters": "无。"})
    with pytest.raises(ValidationError, match="晚于今天"):
        services.publish_report(
            report=report,
            actor=world.office,
            published_on=date(2999, 1, 1),
            public_url="https://example.gov.cn/r",
        )


def test_public_page_lists_published_reports_without_login(
    client, world, report, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "_lock_reported_period", lambda **kw: None)
    county = services.create_report(org=world.county, year=YEAR, actor=world.county_office)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_report(
            report=report,
            actor=world.office,
            published_on=date(2026, 3, 25),
            public_url="https://example.gov.cn/r",
        )
    response = client.get(reverse("public_reports:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "青川市人民政府关于2025年度法治政府建设情况的报告" in html
    assert "青山县人民政府关于" not in html  # a draft is not public
    assert reverse("public_reports:download", args=[report.pk, "docx"]) in html
    docx = client.get(reverse("public_reports:download", args=[report.pk, "docx"]))
    assert docx.status_code == 200 and b"".join(docx.streaming_content)[:2] == b"PK"
    assert client.get(reverse("public_reports:download", args=[county.pk, "docx"])).status_code == 404


# ---------------------------------------------------------------------------------------------------------
# fazhi report


def test_cli_prints_a_draft_when_no_report_was_saved(world, tmp_path):
    out = tmp_path / "r.docx"
    stdout = io.StringIO()
    call_command("report", year=YEAR, format="docx", out=str(out), stdout=stdout)
    text = docx_text(out.read_bytes())
    assert "青川市人民政府关于2025年度法治政府建设情况的报告" in text
    assert "纠错率40.0%" in text
    assert "按记录生成的草稿" in stdout.getvalue()


def test_cli_prints_the_saved_report_of_an_org(world, tmp_path):
    services.create_report(org=world.county, year=YEAR, actor=world.county_office)
    rep = AnnualReport.objects.get(org=world.county)
    services.update_report(
        report=rep,
        actor=world.county_office,
        sections={"other_matters": "县里另有说明：受理{{ reconsideration.received }}。"},
    )
    out = tmp_path / "county.docx"
    call_command("report", org=world.county.code, year=YEAR, out=str(out), stdout=io.StringIO())
    paras = [p.text for p in Document(str(out)).paragraphs]
    assert "县里另有说明：受理2件。" in paras
    assert "青山县人民政府" in paras
