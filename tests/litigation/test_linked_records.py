"""Linked records show only what the reader may read (issue 8, defect 11).

A suit after reconsideration links two records whose scopes differ: when the 复议机关 changed the act it is the
defendant itself (行政诉讼法 第二十六条第二款), so a respondent's office reads the reconsideration case but not
the suit; and a suit may link a reconsideration case of another respondent. Pages, the API, the export, the
import and the registration refusals must not print the number or court of the record the reader cannot open.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.litigation.importers import LitigationImporter
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.choices import Decision
from tests import factories
from tests.litigation.test_importers import xlsx

pytestmark = pytest.mark.django_db
D = date
COURT = "青城市中级人民法院"
NUMBER = "（2025）青01行初88号"


@pytest.fixture
def county_recon(tree, office):
    """The city government changed an act of the county government (county_office may read this case)."""
    return factories.decided_case(
        office,
        org=tree.city,
        respondent=tree.county,
        received_on=D(2025, 3, 3),
        accepted_on=D(2025, 3, 5),
        decided_on=D(2025, 4, 20),
        decision=Decision.ALTER,
    )


@pytest.fixture
def suit_against_the_city(tree, office, county_recon):
    """…so the plaintiff sued the 复议机关: a suit of the city that the county office may not read."""
    return factories.litigation_case(
        office,
        defendant=tree.city,
        court=COURT,
        case_number=NUMBER,
        complaint_received_on=D(2025, 5, 6),
        reconsideration=county_recon,
    )


def page(client, name: str, pk: int) -> str:
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reconsideration_page_shows_only_the_suits_the_reader_may_read(
    login, office, county_office, county_recon, suit_against_the_city
):
    assert (
        login(county_office).get(reverse("litigation:detail", args=[suit_against_the_city.pk])).status_code
        == 404
    )
    text = page(login(county_office), "reconsideration:detail", county_recon.pk)
    assert county_recon.number in text
    assert NUMBER not in text and COURT not in text and "复议后诉讼" not in text
    text = page(login(office), "reconsideration:detail", county_recon.pk)
    assert NUMBER in text and COURT in text


def test_a_suit_page_shows_the_reconsideration_case_only_to_its_readers(
    tree, login, office, clerk_a, clerk_b
):
    recon_b = factories.register_case(
        office, org=tree.city, respondent=tree.unit_b, received_on=D(2025, 3, 3)
    )
    suit_a = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number=NUMBER,
        complaint_received_on=D(2025, 5, 6),
        reconsideration=recon_b,
    )
    text = page(login(clerk_a), "litigation:detail", suit_a.pk)
    assert recon_b.number not in text
    assert '<dt class="col-3">经复议</dt><dd class="col-9">是</dd>' in text
    assert recon_b.number in page(login(office), "litigation:detail", suit_a.pk)
    assert recon_b.number in page(login(clerk_b), "reconsideration:detail", recon_b.pk)


def test_the_api_does_not_print_the_out_of_scope_case(
    login, county_office, clerk_a, tree, office, county_recon, suit_against_the_city
):
    response = login(county_office).get(f"/api/reconsideration/cases/{county_recon.pk}")
    assert (
        response.status_code == 200
        and NUMBER not in response.content.decode()
        and COURT not in response.content.decode()
    )
    assert login(county_office).get(f"/api/litigation/cases/{suit_against_the_city.pk}").status_code == 404
    recon_b = factories.register_case(
        office, org=tree.city, respondent=tree.unit_b, received_on=D(2025, 3, 3)
    )
    suit_a = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初89号",
        complaint_received_on=D(2025, 5, 6),
        reconsideration=recon_b,
    )
    response = login(clerk_a).get(f"/api/litigation/cases/{suit_a.pk}")
    assert response.status_code == 200 and recon_b.number not in response.content.decode()


def test_the_export_leaves_out_a_reconsideration_number_the_reader_may_not_read(tree, office, clerk_a):
    recon_b = factories.register_case(
        office, org=tree.city, respondent=tree.unit_b, received_on=D(2025, 3, 3)
    )
    recon_a = factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 4)
    )
    for n, recon in ((1, recon_b), (2, recon_a)):
        factories.litigation_case(
            office,
            defendant=tree.unit_a,
            case_number=f"（2025）青01行初{n}号",
            complaint_received_on=D(2025, 5, 6),
            reconsideration=recon,
        )
    column = [c.header for c in LitigationImporter.columns].index("经复议案号")

    def exported(user) -> dict[str, str]:
        data, _ = export_bytes(user, "litigation")
        rows = list(load_workbook(io.BytesIO(data))["应诉案件"].iter_rows(min_row=2, values_only=True))
        return {r[1]: r[column] or "" for r in rows}

    assert exported(office) == {"（2025）青01行初1号": recon_b.number, "（2025）青01行初2号": recon_a.number}
    assert exported(clerk_a) == {"（2025）青01行初1号": "", "（2025）青01行初2号": recon_a.number}


# -- registration refusals -----------------------------------------------------------------------------------
def test_registering_another_units_number_does_not_say_whose_it_is(tree, login, office, clerk_a, clerk_b):
    factories.litigation_case(
        office, defendant=tree.unit_a, court=COURT, case_number=NUMBER, complaint_received_on=D(2025, 5, 6)
    )
    data = {
        "defendant": tree.unit_b.pk,
        "court": COURT,
        "case_number": NUMBER,
        "stage": "first",
        "plaintiff": "王五",
        "act_type": "penalty",
        "act_description": "罚款",
        "complaint_received_on": "2025-05-07",
    }
    text = login(clerk_b).post(reverse("litigation:create"), data).content.decode()
    assert "案号已被使用：该法院的此案号已由其他单位登记，请核对法院和案号；如有疑问请联系法治办" in text
    assert (
        f"案号 {NUMBER} 在 {COURT} 已登记" not in text and tree.unit_a.name not in text and "李四" not in text
    )
    response = login(clerk_b).post(
        "/api/litigation/cases",
        {
            "defendant_id": tree.unit_b.pk,
            "court": COURT,
            "case_number": NUMBER,
            "plaintiff": "王五",
            "act_type": "penalty",
            "act_description": "罚款",
            "complaint_received_on": "2025-05-07",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "案号已被使用：该法院的此案号已由其他单位登记，请核对法院和案号；如有疑问请联系法治办"
    }
    # Unit A's own clerk may read the suit, so is told where it is registered.
    text = (
        login(clerk_a)
        .post(reverse("litigation:create"), {**data, "defendant": tree.unit_a.pk})
        .content.decode()
    )
    assert f"案号 {NUMBER} 在 {COURT} 已登记" in text
    assert LitigationCase.objects.count() == 1


def test_importing_another_units_number_or_reconsideration_case_names_neither(tree, office, clerk_b):
    recon_a = factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 4)
    )
    factories.litigation_case(
        office, defendant=tree.unit_a, court=COURT, case_number=NUMBER, complaint_received_on=D(2025, 5, 6)
    )
    base = {
        "受理法院": COURT,
        "被告单位": tree.unit_b.name,
        "原告": "王五",
        "被诉行为类别": "行政处罚",
        "被诉行政行为": "罚款决定",
        "收到起诉状副本日期": D(2025, 5, 7),
    }
    result = import_file(
        "litigation",
        xlsx(
            [
                {**base, "案号": NUMBER},
                {**base, "案号": "（2025）青01行初90号", "经复议案号": recon_a.number},
            ]
        ),
        user=clerk_b,
    )
    assert result.messages() == [
        "第2行「案号」：案号已被使用：该法院的此案号已由其他单位登记，请核对法院和案号",
        f"第3行「经复议案号」：系统中没有复议案号「{recon_a.number}」或无权查看，请先导入或登记该复议案件",
    ]
    assert LitigationCase.objects.count() == 1
