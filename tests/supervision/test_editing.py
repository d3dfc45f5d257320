"""修改基本信息 and 作废 of a problem (the casework kit's editing), and the jurisdiction's default 整改期限."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.models import JurisdictionSetting
from fazhi.supervision import selectors, services
from fazhi.supervision.choices import ProblemSource
from fazhi.supervision.models import Problem

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_default_deadline_is_the_jurisdictions_setting(tree, office):
    p = services.record_problem(
        actor=office,
        org=tree.unit_a,
        source=ProblemSource.AUDIT,
        description="审计发现",
        found_on=date(2025, 5, 1),
    )
    assert p.rectify_due == date(2025, 6, 30)  # 60 days, the default
    JurisdictionSetting.objects.create(org=tree.city, key="supervision.rectify_days", value="30")
    p = services.record_problem(
        actor=office,
        org=tree.unit_a,
        source=ProblemSource.AUDIT,
        description="审计发现",
        found_on=date(2025, 5, 1),
    )
    assert p.rectify_due == date(2025, 5, 31)


def test_the_office_extends_a_deadline_with_a_reason_and_voids_a_wrong_entry(tree, office, clerk_a, login):
    p = f.problem(office, tree.unit_a)
    edit = reverse("supervision:edit", args=[p.pk])
    assert login(clerk_a).get(edit).status_code == 403
    r = login(office).post(edit, {**{k: getattr(p, k) for k in ("description", "category", "source_ref")},
                                  "rectify_due": "2025-07-31", "reason": "单位申请延期，经研究同意"})  # fmt: skip
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.rectify_due == date(2025, 7, 31)
    assert p.history.first().history_change_reason == "修改基本信息：单位申请延期，经研究同意"
    r = login(office).post(reverse("supervision:void", args=[p.pk]), {"reason": "重复登记的问题"})
    assert r.status_code == 302
    assert not selectors.visible_cases(office).exists()
    assert Problem.all_objects.get(pk=p.pk).void_reason == "重复登记的问题"


def test_the_other_records_are_edited_with_their_own_checks(tree, office, clerk_a):
    """修改基本信息 of a 督察, a 述法 and a 约谈 runs the checks of that record, not the problem's (which read a
    problem's fields and failed on any other record)."""
    from django.core.exceptions import ValidationError

    from fazhi.core.casework.editing import edit_record
    from fazhi.supervision.casework import INSPECTIONS, INTERVIEWS, SHUFA

    insp = f.inspection(office, tree)
    edit_record(INSPECTIONS, record=insp, actor=office, changes={"title": "改名后的督察"}, reason="名称有误")
    insp.refresh_from_db()
    assert insp.title == "改名后的督察"
    rec = f.shufa(clerk_a, tree.unit_a)
    edit_record(SHUFA, record=rec, actor=clerk_a, changes={"meeting": "述法评议会"}, reason="会议名称有误")
    talk = services.record_interview(
        actor=office,
        org=tree.unit_a,
        leader="李明",
        title="局长",
        held_on=date(2025, 7, 1),
        reason="整改逾期",
    )
    edit_record(INTERVIEWS, record=talk, actor=office, changes={"reason": "整改严重逾期"}, reason="补充事由")
    with pytest.raises(ValidationError) as exc:
        edit_record(INTERVIEWS, record=talk, actor=office, changes={"leader": ""}, reason="清空被约谈人")
    assert "leader" in exc.value.message_dict
