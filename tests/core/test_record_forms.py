"""The rules every record form keeps (core.forms.StyledForm, core.web): no event dated after today, no default
decision (请选择), and the typed values kept after a refused action — on every app's pages and API actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms as djforms
from django.utils import timezone

from fazhi.core.contract import casework_kinds
from fazhi.core.forms import StyledForm
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories


def _all_forms() -> list[type]:
    out: list[type] = []
    for kind in casework_kinds():
        out.append(kind.create_form)
        out.extend(form for form, _ in kind.actions.values())
    return out


@pytest.mark.parametrize("form_cls", _all_forms(), ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_every_record_form_is_a_styled_form_without_defaults(form_cls, db, office):
    assert issubclass(form_cls, StyledForm), "record forms keep the shared rules (core.forms.StyledForm)"
    try:
        form = form_cls(user=office)
    except TypeError:
        form = form_cls()
    for name, field in form.fields.items():
        if (
            isinstance(field, djforms.ChoiceField)
            and field.required
            and not isinstance(field, djforms.MultipleChoiceField | djforms.ModelMultipleChoiceField)
        ):
            first = list(field.choices)[0]
            assert first[0] == "" and "请选择" in str(first[1]), (
                f"{name}: the first choice decides for the user"
            )


def test_a_future_date_is_refused_on_the_page_and_through_the_api(client, tree, office):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    client.force_login(office)
    response = client.post(
        "/reconsideration/new/",
        {
            "org": tree.city.pk,
            "respondent": tree.unit_a.pk,
            "received_on": tomorrow.isoformat(),
            "applicant_name": "张三",
            "applicant_kind": "person",
            "act_type": "penalty",
            "act_description": "罚款",
            "procedure": "ordinary",
        },
    )
    assert response.status_code == 200
    assert "收到申请日期不能晚于今天" in str(response.context["form"].errors["received_on"])
    assert not ReconsiderationCase.objects.exists()

    case = factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=timezone.localdate() - dt.timedelta(days=3)
    )
    token = factories.make_token(office)
    response = client.post(
        f"/api/reconsideration/cases/{case.pk}/actions/accept",
        {"accepted_on": tomorrow.isoformat(), "procedure": "ordinary"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token.key}"},
    )
    assert response.status_code == 400 and "受理日期不能晚于今天" in response.json()["detail"]
    case.refresh_from_db()
    assert case.accepted_on is None


def test_after_a_refused_action_the_typed_values_stay(client, tree, office):
    case = factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=timezone.localdate() - dt.timedelta(days=3)
    )
    client.force_login(office)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        f"/reconsideration/{case.pk}/action/accept/",
        {"accepted_on": tomorrow.isoformat(), "procedure": "simple"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#action-accept")
    page = client.get(response["Location"].split("#")[0])
    form = next(a for a in page.context["action_forms"] if a["name"] == "accept")
    assert form["failed"] and form["form"].data["accepted_on"] == tomorrow.isoformat()
    html = page.content.decode()
    assert f'value="{tomorrow.isoformat()}"' in html and "受理日期不能晚于今天" in html
    # shown once: the next visit is a fresh form again
    again = client.get(response["Location"].split("#")[0])
    assert not next(a for a in again.context["action_forms"] if a["name"] == "accept")["failed"]


def test_code_lists_fill_every_form_and_import_column(db, office):
    """The code lists are looked up by one stable key (core.codelists): with the demo's 字典 loaded, no form's
    drop-down and no import column's list is empty (登记申请 showed empty 管理领域/申请渠道 lists)."""
    from fazhi.core.importing.importer import get_importer, importer_apps
    from fazhi.demo.city import load_dictionaries

    load_dictionaries()
    for form_cls in _all_forms():
        try:
            form = form_cls(user=office)
        except TypeError:
            form = form_cls()
        for name, field in form.fields.items():
            if isinstance(field, djforms.ChoiceField) and not isinstance(field, djforms.ModelChoiceField):
                real = [v for v, _ in field.choices if v != ""]
                assert real, f"{form_cls.__name__}.{name}: empty choice list"
    for app in importer_apps():
        for column in get_importer(app).columns:
            if column.kind == "choice":
                assert list(column.choices.labels), f"{app} import column {column.header}: empty list"


def test_the_org_selector_is_a_tree_whatever_the_querysets_order(tree):
    """县 under 市, 乡 under 县: the options of every org field come in tree order, each indented under its parent,
    in the label itself (so with JavaScript off too), with the depth in data-depth."""
    from fazhi.core.models import Org

    class F(StyledForm):
        org = djforms.ModelChoiceField(label="单位", queryset=Org.objects.none())

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["org"].queryset = Org.objects.order_by("-name")  # set after, as the apps' forms do

    html = str(F()["org"])
    order = [tree.city, tree.unit_a, tree.unit_b, tree.county, tree.county_unit]
    at = [html.index(f'value="{o.pk}"') for o in order]
    assert at == sorted(at), "parents come before their children, in path order"
    assert f">{tree.city.name}</option>" in html
    assert f">└ {tree.unit_a.name}</option>" in html and f">└ {tree.county.name}</option>" in html
    assert f">\u3000└ {tree.county_unit.name}</option>" in html
    assert f'data-depth="{tree.county_unit.depth}"' in html
    assert html.index("请选择") < at[0]
