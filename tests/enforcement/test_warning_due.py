"""Open 执法监督预警 are due-date notices to the unit: the explanation is owed within the jurisdiction's working
days (`enforcement.warning_reply_days`, default 10; rule enforcement.warning_reply), listed in 待办期限, the bell
and `fazhi remind` until the warning is closed."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.due import due_list, iter_due
from fazhi.core.models import JurisdictionSetting
from fazhi.enforcement import services
from fazhi.enforcement.choices import WarningKind
from fazhi.enforcement.models import EnforcementWarning
from fazhi.law.deadlines import RULES
from tests.enforcement import factories as f

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def warning(tree, office):
    f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    services.scan_warnings(today=D(2025, 7, 1))  # Tuesday
    return EnforcementWarning.objects.get(kind=WarningKind.DECISION_OVERDUE)


def test_the_explanation_is_due_ten_working_days_after_the_warning(warning):
    # 2025-07-02 … 07-15: ten working days, the warning's own day not counted
    assert warning.reply_due == D(2025, 7, 15)
    assert RULES["enforcement.warning_reply"].local


def test_the_days_are_the_jurisdictions_setting(tree, office):
    JurisdictionSetting.objects.create(org=tree.city, key="enforcement.warning_reply_days", value="5")
    f.case(office, tree.unit_a, filed_on=D(2025, 4, 1))
    services.scan_warnings(today=D(2025, 7, 1))
    assert EnforcementWarning.objects.get().reply_due == D(2025, 7, 8)


def test_open_warnings_are_listed_for_the_unit_and_leave_the_list_when_closed(warning, clerk_a, clerk_b):
    rows = due_list(clerk_a, "", D(2025, 7, 10), source="enforcement.warning")
    assert [(r.record, r.due_on, r.org) for r in rows] == [(warning, D(2025, 7, 15), warning.unit)]
    assert "执法监督预警单位说明期限" in rows[0].rule and rows[0].url.endswith(
        f"/warnings/{warning.pk}/close/"
    )
    assert not due_list(clerk_b, "", D(2025, 7, 10), source="enforcement.warning")  # another unit's
    overdue = [d for d in iter_due("overdue", D(2025, 7, 16)) if d.source == "enforcement.warning"]
    assert [d.record for d in overdue] == [warning]  # what `fazhi remind` sends
    services.close_warning(warning=warning, actor=clerk_a, explanation="已补作决定", closed_on=D(2025, 7, 9))
    assert not due_list(clerk_a, "", D(2025, 7, 10), source="enforcement.warning")


def test_a_scan_gives_older_open_warnings_their_due_date(warning):
    EnforcementWarning.objects.filter(pk=warning.pk).update(reply_due=None)
    services.scan_warnings(today=D(2025, 7, 20))
    warning.refresh_from_db()
    assert warning.reply_due == D(2025, 7, 15)  # counted from the warning's own date
    assert warning.history.first().history_change_reason == "执法监督预警扫描"
