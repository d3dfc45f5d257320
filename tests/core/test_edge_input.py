"""Out-of-range and malformed query parameters are refused at the edge with a 400 and a Chinese message that
names the parameter: never a 500 (an OverflowError in SQLite, a ValueError building a date) and never read
silently as "no filter". Covers every list page, the dashboard, exports, drill-downs and the API."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.core.params import ParamError, int_param, year_param
from fazhi.indicators.registry import Period

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # > 2**63-1: OverflowError when it reaches SQLite

# (path, parameter): every page, export and drill-down that reads the parameter from its query string.
PAGE_PARAMS = [
    ("/", "year"),
    ("/", "org"),
    ("/indicators/", "year"),
    ("/indicators/", "org"),
    ("/indicators/export.xlsx", "year"),
    ("/indicators/export.xlsx", "org"),
    ("/reconsideration/", "year"),
    ("/reconsideration/", "org"),
    ("/reconsideration/", "respondent"),
    ("/litigation/", "year"),
    ("/litigation/", "defendant"),
    ("/import/export/reconsideration/", "year"),
    ("/import/export/reconsideration/", "respondent"),
    ("/import/export/litigation/", "year"),
    ("/import/export/litigation/", "defendant"),
    ("/indicators/forms/", "year"),
    ("/indicators/tasks/", "year"),
    ("/indicators/tasks/", "form"),
    ("/indicators/tasks/late/", "year"),
    ("/indicators/locks/", "year"),
    ("/indicators/targets/", "year"),
    ("/indicators/targets/", "org"),
    ("/reports/review/", "year"),
    ("/reports/review/", "batch"),
    ("/reports/review/compare/", "year"),
    ("/reports/review/export/", "year"),
    ("/reports/annual/", "year"),
    ("/public/reports/", "year"),
]
BAD_INTS = [HUGE, "-1", "abc", "1.5", "１２"]
BAD_YEARS = ["99999", "-1", "0", HUGE]

DRILLDOWNS = [
    "/reconsideration/?indicator=reconsideration.corrected&org={city}&period={period}",
    "/litigation/?indicator=litigation.cases&org={city}&period={period}",
    "/indicators/values/?indicator=legal_services.notary_cases&org={city}&period={period}",
]
BAD_PERIODS = [
    HUGE,
    "99999",
    "-1",
    "99999Q1",
    "2025Q9",
    "2025-13",
    "0001-01-01..0001-12-31",
    "2025-01-01..99999-01-01",
]


@pytest.fixture
def office_client(office):
    c = Client(raise_request_exception=False)
    c.force_login(office)
    return c


def _assert_400(response, name: str):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    text = response.content.decode()
    assert f"参数 {name}" in text
    return text


@pytest.mark.parametrize("value", BAD_INTS)
@pytest.mark.parametrize(("path", "name"), PAGE_PARAMS)
def test_a_bad_number_on_a_page_is_a_400_in_the_layout(office_client, path, name, value):
    text = _assert_400(office_client.get(path, {name: value}), name)
    assert "请求有误" in text and "法治政府建设" in text  # the normal layout, not a bare error page


@pytest.mark.parametrize("value", BAD_YEARS)
@pytest.mark.parametrize("path", sorted({p for p, n in PAGE_PARAMS if n == "year"}))
def test_a_year_out_of_range_on_a_page_is_a_400_naming_the_range(office_client, path, value):
    text = _assert_400(office_client.get(path, {"year": value}), "year")
    assert "1949 至 2100" in text


@pytest.mark.parametrize("period", BAD_PERIODS)
@pytest.mark.parametrize("url", DRILLDOWNS)
def test_a_bad_drilldown_period_is_a_400(office_client, tree, url, period):
    _assert_400(office_client.get(url.format(city=tree.city.pk, period=period)), "period")


@pytest.mark.parametrize("org", [HUGE, "-1", "abc"])
@pytest.mark.parametrize("url", DRILLDOWNS)
def test_a_bad_drilldown_org_is_a_400(office_client, tree, url, org):
    _assert_400(office_client.get(url.format(city=org, period="2025")), "org")


@pytest.mark.parametrize("after", ["garbage", "2025-01-01_" + HUGE, "2025-13-01_5", "2025-01-01_-3", "_"])
@pytest.mark.parametrize("path", ["/reconsideration/", "/litigation/"])
def test_a_hand_edited_page_cursor_is_a_400(office_client, path, after):
    _assert_400(office_client.get(path, {"after": after}), "after")


@pytest.mark.parametrize(
    "path",
    [
        "/reconsideration/{id}/",
        "/litigation/{id}/",
        "/indicators/forms/{id}/",
        "/indicators/tasks/{id}/",
        "/indicators/locks/{id}/",
        "/reports/review/{id}/",
        "/reports/annual/{id}/",
        "/import/jobs/{id}/",
    ],
)
def test_a_huge_record_id_in_a_path_is_a_404(office_client, path):
    assert office_client.get(path.format(id=HUGE)).status_code == 404


def test_the_layout_message_also_with_debug_on(office_client, settings):
    settings.DEBUG = True  # the demo and dev setups: Django would show its technical 400 page
    text = _assert_400(office_client.get("/reconsideration/", {"year": "99999"}), "year")
    assert "请求有误" in text and "1949 至 2100" in text


def test_good_values_still_filter(office_client, tree):
    for path, name in PAGE_PARAMS:
        value = "2025" if name == "year" else str(tree.city.pk)
        response = office_client.get(path, {name: value})
        assert response.status_code in (200, 302, 403, 404), (path, name, response.status_code)
    assert (
        office_client.get("/reconsideration/", {"year": "", "org": " "}).status_code == 200
    )  # blank = absent


# -- the API: the same values, {"detail": "<Chinese>"} with 400 ---------------------------------------------

API_PARAMS = [
    ("/api/reconsideration/cases", "year", BAD_YEARS + ["abc"]),
    ("/api/reconsideration/cases", "size", ["0", "-1", "201", HUGE, "abc"]),
    ("/api/reconsideration/cases", "after", ["garbage", "2025-01-01_" + HUGE]),
    ("/api/litigation/cases", "year", BAD_YEARS + ["abc"]),
    ("/api/litigation/cases", "size", ["0", HUGE]),
    ("/api/litigation/cases", "after", ["2025-01-01_" + HUGE]),
]


@pytest.mark.parametrize(("url", "name", "value"), [(u, n, v) for u, n, values in API_PARAMS for v in values])
def test_a_bad_api_parameter_is_a_400_in_chinese(office_client, url, name, value):
    response = office_client.get(url, {name: value})
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert f"参数 {name}" in response.json()["detail"]


@pytest.mark.parametrize("period", BAD_PERIODS)
def test_a_bad_api_period_is_a_400_in_chinese(office_client, tree, period):
    response = office_client.get("/api/indicators/values", {"org_id": tree.city.pk, "period": period})
    assert response.status_code == 400, response.content[:300]
    assert response.json()["detail"].startswith("参数 period（期间）无效")


@pytest.mark.parametrize("period", ["", "  "])
def test_a_blank_api_period_is_a_400_not_a_500(office_client, tree, period):
    # ?period= is not "no period": the figures need one (the API has no default, unlike the pages).
    response = office_client.get("/api/indicators/values", {"org_id": tree.city.pk, "period": period})
    assert response.status_code == 400, response.content[:300]
    assert response.json()["detail"].startswith("参数 period（期间）必须填写")


@pytest.mark.parametrize("org_id", [HUGE, "0", "-1"])
def test_a_bad_api_org_is_a_400(office_client, org_id):
    response = office_client.get("/api/indicators/values", {"org_id": org_id, "period": "2025"})
    assert response.status_code == 400 and "参数 org_id" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/reconsideration/cases/{id}",
        "/api/reconsideration/cases/{id}/deadlines",
        "/api/litigation/cases/{id}",
    ],
)
def test_a_huge_api_path_id_is_a_400(office_client, url):
    response = office_client.get(url.format(id=HUGE))
    assert response.status_code == 400 and "参数 case_id" in response.json()["detail"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/reconsideration/cases", "org_id"),
        ("/api/reconsideration/cases", "respondent_id"),
        ("/api/litigation/cases", "defendant_id"),
        ("/api/litigation/cases", "reconsideration_id"),
    ],
)
def test_a_huge_id_in_an_api_body_is_a_400(office_client, url, field):
    payload = {"org_id": 1, "respondent_id": 1, "defendant_id": 1, field: int(HUGE)}
    response = office_client.post(url, payload, content_type="application/json")
    assert response.status_code == 400
    assert f"参数 {field}不应大于" in response.json()["detail"]


# -- the parser itself -------------------------------------------------------------------------------------


def test_int_param_reads_blank_as_absent_and_refuses_the_rest():
    assert int_param({}, "org") is None and int_param({"org": "  "}, "org") is None
    assert int_param({"org": " 42 "}, "org") == 42
    assert year_param({"year": "2025"}) == 2025
    for bad in ("0", HUGE, "4e3", "٣", "12abc", "9" * 5000):
        with pytest.raises(ParamError, match="参数 org（机构）应为正整数"):
            int_param({"org": bad}, "org")
    with pytest.raises(ParamError, match=r"参数 year（年度）应为 1949 至 2100 之间的整数，收到「2101」"):
        year_param({"year": "2101"})


@pytest.mark.parametrize("text", BAD_PERIODS + ["9" * 5000])
def test_period_parse_refuses_out_of_range_years_with_a_validation_error(text):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Period.parse(text)


def test_period_parse_still_reads_the_usual_forms():
    assert Period.parse("2025").label == "2025年"
    assert Period.parse("2025Q3").label == "2025年第3季度"
    assert Period.parse("2025-05").label == "2025年5月"
    assert Period.parse("2025-01-01..2025-12-31").label == "2025年"


# -- dates: a deadline counted from 9999-12-31 overflowed (found while fuzzing the case APIs by hand) --------

FAR_DATES = ["9999-12-31", "9999-01-01", "0001-01-01"]


@pytest.mark.parametrize("day", FAR_DATES)
def test_a_far_date_in_an_api_registration_is_a_400(office_client, tree, day):
    recon = {
        "org_id": tree.city.pk,
        "respondent_id": tree.unit_a.pk,
        "received_on": day,
        "applicants": [{"name": "张三"}],
        "act_type": "penalty",
        "act_description": "罚款",
    }
    response = office_client.post("/api/reconsideration/cases", recon, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["detail"].startswith("参数 received_on")
    suit = {
        "defendant_id": tree.unit_a.pk,
        "court": "某区人民法院",
        "case_number": "（2025）某0102行初1号",
        "plaintiff": "李四",
        "act_type": "penalty",
        "act_description": "罚款",
        "complaint_received_on": day,
    }
    response = office_client.post("/api/litigation/cases", suit, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["detail"].startswith("参数 complaint_received_on")


@pytest.mark.parametrize("day", FAR_DATES)
def test_a_far_date_in_an_action_is_refused_on_the_api_and_the_page(office_client, indicator_data, day):
    pending = indicator_data["pending"]
    url = f"/api/reconsideration/cases/{pending.pk}/actions/accept"
    response = office_client.post(
        url, {"accepted_on": day, "procedure": "ordinary"}, content_type="application/json"
    )
    assert response.status_code == 400, response.content[:300]
    assert "受理日期：日期应在 1949-01-01 至 2100-12-31 之间" in response.json()["detail"]
    response = office_client.post(
        f"/reconsideration/{pending.pk}/action/accept/",
        {"accepted_on": day, "procedure": "ordinary"},
        follow=True,
    )
    assert response.status_code == 200
    assert "日期应在 1949-01-01 至 2100-12-31 之间" in response.content.decode()
    pending.refresh_from_db()
    assert pending.accepted_on is None


def test_a_far_date_in_the_page_registration_form_is_a_form_error(office):
    from fazhi.reconsideration.forms import RegisterForm

    form = RegisterForm({"received_on": "9999-12-31"}, user=office)
    assert not form.is_valid()
    assert form.errors["received_on"] == ["日期应在 1949-01-01 至 2100-12-31 之间"]


# -- the CLI -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [
        ("deadlines", ["reconsideration.acceptance_review", "9999-12-31"], "起算日期“9999-12-31”超出范围"),
        ("deadlines", ["reconsideration.acceptance_review", "0001-01-01"], "起算日期“0001-01-01”超出范围"),
        (
            "deadlines",
            ["reconsideration.acceptance_review", "2025-01-01", "--pause", "9999-12-30:"],
            "中止开始日期",
        ),
        ("indicators", ["--year", "99999"], "无法识别的期间「99999」"),
        ("indicators", ["--year", "2101"], "年度应在 1949 至 2100 之间"),
        ("indicators", ["--year", "-1"], "无法识别的期间"),
        ("indicators", ["--period", HUGE], "无法识别的期间"),
    ],
)
def test_out_of_range_cli_arguments_are_a_command_error(tree, command, args, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message):
        call_command(command, *args)
