"""The filters of a list show their whole text (年度, 期限, 7日内到期 were cut to 年/期 in a too-narrow column)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.models import Membership, Org
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

PASSWORD = "e2e-Secret-2026"

# For every visible native select: the width its chosen option's text needs (same font) and the room it has
# (its width less the padding, whose right side holds the arrow); the longest option, as it shows once chosen.
CUT_SELECTS = """() => [...document.querySelectorAll('select.form-select[name=year], select.form-select[name=due]')].filter(s => s.offsetParent).map(s => {
  const cs = getComputedStyle(s), span = document.createElement('span');
  span.style.font = cs.font; span.style.whiteSpace = 'nowrap';
  span.textContent = [...s.options].reduce((a, o) => o.text.length > a.length ? o.text : a, '');
  document.body.appendChild(span);
  const need = span.getBoundingClientRect().width; span.remove();
  const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return need > room + 0.5 ? s.name + ': ' + span.textContent : null;
}).filter(Boolean)"""


@pytest.mark.parametrize("width", [1366, 1024, 390])
def test_year_and_due_filters_are_not_cut(page, live_server, django_user_model, width):
    city = Org.objects.create(code="990000", name="青川市", kind="city")
    user = django_user_model.objects.create_user("office", password=PASSWORD, first_name="法治办")
    Membership.objects.create(user=user, org=city, role="office")
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "office", PASSWORD)
    for name in (
        "reconsideration:list",
        "litigation:list",
        "hotline:list",
        "petitions:list",
        "supervision:list",
    ):
        page.goto(live_server.url + reverse(name))
        assert page.evaluate(CUT_SELECTS) == [], name
