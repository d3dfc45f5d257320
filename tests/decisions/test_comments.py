"""Public comment on a 重大行政决策 draft, clause by clause (issue 11 §3, issue 15): the draft published with its
comment period (第十五条第一款: 一般不少于30日), anonymous comments on the portal (throttled, CSRF, refused after
the period), moderation and answers by the office (第十八条), the figures and their drill-down."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from fazhi.decisions import reportfacts, rules, selectors, services
from fazhi.decisions.choices import CommentAnswer, CommentStatus, LegalityOpinion, Meeting
from fazhi.decisions.models import Decision, PublicComment
from fazhi.indicators.registry import Period, compute, drilldown_records

from . import factories as f

D = date


def test_a_draft_splits_into_its_clauses_with_chapters_and_preamble():
    clauses = rules.split_clauses(f.DRAFT)
    assert [(p, h) for p, h, _ in clauses] == [
        ("", ""),
        ("第一章　总则", "第一条"),
        ("第一章　总则", "第二条"),
        ("第二章　价格", "第三条"),
    ]
    assert clauses[0][2] == "青城市城区集中供热价格调整方案（征求意见稿）"
    assert clauses[3][2] == "居民供热价格按建筑面积每平方米每月调整为5.2元。\n低保家庭免予调整。"
    assert rules.split_clauses("  对供热价格调整的总体设想。\n分两步实施。 ") == [
        ("", "", "对供热价格调整的总体设想。\n分两步实施。")
    ]
    assert rules.split_clauses("第12条 阿拉伯数字的条号\n第十三条") == [
        ("", "第12条", "阿拉伯数字的条号"),
        ("", "第十三条", ""),
    ]
    assert rules.split_clauses("   ") == []


@pytest.mark.django_db
def test_publishing_the_draft_keeps_the_thirty_day_rule_and_records_the_step(tree, office):
    d = f.listed(office, sponsor=tree.unit_a)
    with pytest.raises(ValidationError, match="一般不少于30日"):
        services.publish_draft(
            case=d, actor=office, draft_text=f.DRAFT, comment_start=D(2025, 3, 3), comment_end=D(2025, 3, 20)
        )
    with pytest.raises(ValidationError, match="请填写决策草案"):
        services.publish_draft(
            case=d, actor=office, draft_text=" ", comment_start=D(2025, 3, 3), comment_end=D(2025, 4, 7)
        )
    d = services.publish_draft(
        case=Decision.objects.get(pk=d.pk), actor=office, draft_text=f.DRAFT, comment_start=D(2025, 3, 3),
        comment_end=D(2025, 4, 7),
    )  # fmt: skip
    assert [c.heading for c in d.clauses.all()] == ["", "第一条", "第二条", "第三条"]
    assert d.comment_earliest_end == D(2025, 4, 2)
    assert "公布征求意见稿（4条）" in d.events.last().note
    assert d.history.first().history_change_reason == "公布征求意见稿"
    hidden = f.listed(office, sponsor=tree.unit_a, title="涉密事项", needs_public=False)
    with pytest.raises(ValidationError, match="第十四条第一款"):
        services.publish_draft(
            case=hidden, actor=office, draft_text="第一条 内容", comment_start=D(2025, 3, 3),
            comment_end=D(2025, 4, 7),
        )  # fmt: skip


@pytest.mark.django_db
def test_comments_in_the_period_only_then_moderated_and_answered_with_history(tree, office, leader):
    d = f.open_for_comment(office, sponsor=tree.unit_a)
    third = d.clauses.get(heading="第三条")
    c = services.submit_comment(
        decision=d, clause_id=third.pk, text="建议分两年调整到位。", name="李四", contact="13800000000",
        today=D(2025, 3, 10),
    )  # fmt: skip
    assert (c.status, c.submitted_on, c.history.first().history_change_reason) == (
        CommentStatus.PENDING, D(2025, 3, 10), "公众提交意见",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="公开征求意见已于2025年4月7日截止"):
        services.submit_comment(decision=d, clause_id=third.pk, text="晚到的意见", today=D(2025, 4, 8))
    with pytest.raises(ValidationError, match="将于2025年3月3日开始"):
        services.submit_comment(decision=d, clause_id=third.pk, text="早到的意见", today=D(2025, 3, 2))
    with pytest.raises(ValidationError, match="不能超过2000字"):
        services.submit_comment(decision=d, clause_id=third.pk, text="长" * 2001, today=D(2025, 3, 10))
    with pytest.raises(ValidationError, match="请填写意见内容"):
        services.submit_comment(decision=d, clause_id=third.pk, text="  ", today=D(2025, 3, 10))
    other = f.open_for_comment(office, sponsor=tree.unit_b, title="青城市公交线网优化")
    with pytest.raises(ValidationError, match="请选择意见针对的条文"):
        services.submit_comment(
            decision=d, clause_id=other.clauses.first().pk, text="错条", today=D(2025, 3, 10)
        )
    with pytest.raises(ValidationError, match="不能再替换征求意见稿"):
        services.publish_draft(
            case=d,
            actor=office,
            draft_text="第一条 新稿",
            comment_start=D(2025, 3, 3),
            comment_end=D(2025, 4, 7),
        )

    with pytest.raises(PermissionDenied):
        services.moderate_comment(comment=c, actor=leader, publish=True)
    with pytest.raises(ValidationError, match="请说明理由"):
        services.moderate_comment(comment=c, actor=office, publish=False)
    services.moderate_comment(comment=c, actor=office, publish=True, on=D(2025, 3, 11))
    with pytest.raises(ValidationError, match="已审核"):
        services.moderate_comment(comment=c, actor=office, publish=False, reason="重复")
    with pytest.raises(ValidationError, match="请填写答复理由"):
        services.answer_comment(comment=c, actor=office, answer=CommentAnswer.ADOPTED, reason="")
    services.answer_comment(
        comment=c,
        actor=office,
        answer=CommentAnswer.PARTLY,
        reason="第三条增加分步调整的规定。",
        on=D(2025, 4, 20),
    )
    c.refresh_from_db()
    assert (c.status, c.answer, c.answered_on) == (CommentStatus.PUBLISHED, "partly", D(2025, 4, 20))
    assert [h.history_change_reason for h in c.history.order_by("history_id")] == [
        "公众提交意见", "审核公众意见：公开", "答复公众意见：部分采纳",
    ]  # fmt: skip
    assert c.history.last().history_user is None and c.history.first().history_user == office

    spam = services.submit_comment(decision=d, clause_id=third.pk, text="广告", today=D(2025, 3, 12))
    services.moderate_comment(comment=spam, actor=office, publish=False, reason="与决策事项无关")
    tally = selectors.comment_tally(d)
    assert (tally.received, tally.adopted, tally.pending, tally.from_records) == (2, 1, 0, True)
    assert list(selectors.published_comments(d)) == [c]
    # the step's typed counts give way to the records
    d = services.record_comment(
        case=Decision.objects.get(pk=d.pk), actor=office, comment_start=D(2025, 3, 3), comment_end=D(2025, 4, 7),
        comments_received=99, comments_adopted=50, adoption_summary="采纳分步调整的意见",
    )  # fmt: skip
    assert (d.comments_received, d.comments_adopted) == (2, 1)
    # the annual report's sentence says what the records hold
    d = services.record_legality(
        case=d, actor=office, legality_review="青法审〔2025〕决1号", legality_on=D(2025, 5, 6),
        opinion=LegalityOpinion.APPROVE,
    )  # fmt: skip
    services.record_decision(
        case=d, actor=office, discussed_on=D(2025, 5, 20), meeting=Meeting.EXECUTIVE, decision_text="原则通过"
    )
    (fact,) = [x for x in reportfacts.facts(tree.city, 2025) if x.topic == "major_decisions"]
    assert "其中1项在政府网站逐条公开征求意见，收到公众意见2条，采纳（含部分采纳）1条" in fact.text


@pytest.mark.django_db
def test_the_comment_figures_count_records_by_submission_day_and_drill_down_to_them(tree, office):
    d = f.open_for_comment(office, sponsor=tree.unit_a, start=D(2025, 12, 1), end=D(2026, 1, 9))
    clause = d.clauses.last()
    made = [
        services.submit_comment(decision=d, clause_id=clause.pk, text=f"意见{i}", today=day)
        for i, day in enumerate([D(2025, 12, 2), D(2025, 12, 30), D(2026, 1, 5)])
    ]
    services.answer_comment(comment=made[0], actor=office, answer=CommentAnswer.ADOPTED, reason="采纳")
    services.answer_comment(
        comment=made[1], actor=office, answer=CommentAnswer.NOT_ADOPTED, reason="不符合规划"
    )
    # a decision whose comments were only typed as a number: not added to the record figures
    f.decided(office, sponsor=tree.unit_b, title="青城市停车收费调整", adjustment_reason="增列")
    keys = [
        "legality.decision_comments_received",
        "legality.decision_comments_answered",
        "legality.decision_comments_adopted",
        "legality.decision_comment_adoption_rate",
        "legality.decision_public_comments",
    ]
    for org in (tree.city, tree.unit_a):
        v = compute(org, Period.year(2025), keys)
        assert [v[k].value for k in keys[:3]] == [2, 2, 1]
        assert str(v[keys[3]].value) == "50.0"
        got = drilldown_records("legality.decision_comments_received", org, Period.year(2025))
        assert set(got) == set(made[:2])
    assert compute(tree.city, Period.year(2025), keys)["legality.decision_public_comments"].value == 2
    assert compute(tree.unit_b, Period.year(2025), keys[:1])[keys[0]].value == 0
    assert compute(tree.city, Period.year(2026), keys[:1])[keys[0]].value == 1


# -- the portal (no login) ---------------------------------------------------------------------------------------
@pytest.fixture
def draft(tree, office):
    return f.open_for_comment(office, sponsor=tree.unit_a)


def _url(tree, d):
    return f"/gk/{tree.city.code}/decisions/{d.pk}/"


@pytest.mark.django_db
def test_anyone_comments_on_a_clause_and_sees_only_published_text_and_answers(tree, office, draft):
    anon = Client()
    third = draft.clauses.get(heading="第三条")
    with time_machine.travel(D(2025, 3, 10), tick=False):
        page = anon.get(_url(tree, draft)).content.decode()
        assert "第三条" in page and "居民供热价格" in page and "提交意见" in page
        r = anon.post(_url(tree, draft), {"clause": third.pk, "text": "建议分两年调整到位。",
                                          "name": "欧阳测试", "contact": "13912345678"})  # fmt: skip
        assert r.status_code == 302 and r["Location"].endswith("?submitted=1#comment-form")
        anon.post(_url(tree, draft), {"clause": third.pk, "text": "未审核的意见内容"})
        r = anon.post(_url(tree, draft), {"clause": third.pk, "text": ""})
        assert r.status_code == 200 and "This field is required" not in r.content.decode()
        assert "意见内容" in r.content.decode()
    first, pending = PublicComment.objects.order_by("id")
    assert (first.name, first.contact, first.clause) == ("欧阳测试", "13912345678", third)
    services.moderate_comment(comment=first, actor=office, publish=True)
    services.answer_comment(
        comment=first, actor=office, answer=CommentAnswer.ADOPTED, reason="已修改第三条。"
    )
    with time_machine.travel(D(2025, 4, 10), tick=False):
        page = anon.get(_url(tree, draft)).content.decode()
        assert "建议分两年调整到位" in page and "已修改第三条" in page and "采纳" in page
        assert "未审核的意见内容" not in page
        assert "欧阳测试" not in page and "13912345678" not in page
        r = anon.post(_url(tree, draft), {"clause": third.pk, "text": "截止后的意见"})
        assert r.status_code == 200 and "公开征求意见已于2025年4月7日截止" in r.content.decode()
    assert PublicComment.objects.count() == 2
    section = anon.get(f"/gk/{tree.city.code}/decisions/").content.decode()
    assert "欧阳测试" not in section


@pytest.mark.django_db
def test_the_comment_form_is_throttled_per_address_and_needs_the_csrf_token(tree, draft, settings):
    settings.FAZHI_PORTAL_POSTS_PER_HOUR = 2
    anon = Client()
    clause = draft.clauses.first()
    with time_machine.travel(D(2025, 3, 10), tick=True):
        for _ in range(2):
            assert anon.post(_url(tree, draft), {"clause": clause.pk, "text": "意见"}).status_code == 302
        r = anon.post(_url(tree, draft), {"clause": clause.pk, "text": "意见"})
        assert r.status_code == 429 and "提交过于频繁" in r.content.decode()
        strict = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.1.2.3")
        assert strict.post(_url(tree, draft), {"clause": clause.pk, "text": "意见"}).status_code == 403
    assert PublicComment.objects.count() == 2
    # a section whose detail takes no form refuses a post
    assert anon.post(f"/gk/{tree.city.code}/normative/1/", {}).status_code == 403


# -- the back office ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_decision_tab_moderates_and_answers_and_the_register_drills_down(
    tree, office, clerk_b, login, draft
):
    c = services.submit_comment(
        decision=draft, clause_id=draft.clauses.last().pk, text="建议增加困难群体补贴。", name="张三",
        contact="zhang@example.com", today=D(2025, 3, 10),
    )  # fmt: skip
    client = login(office)
    page = client.get(f"/decisions/{draft.pk}/").content.decode()
    assert "公众意见" in page and "1 条待审核" in page and "zhang@example.com" in page
    assert "1 条意见" in client.get("/decisions/").content.decode()  # the list counts the records
    r = client.post(f"/decisions/comments/{c.pk}/moderate/", {"publish": "0", "reason": ""})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.status == CommentStatus.PENDING  # refused: no reason
    client.post(f"/decisions/comments/{c.pk}/moderate/", {"publish": "1"})
    client.post(f"/decisions/comments/{c.pk}/answer/", {"answer": "not_adopted", "reason": "另行研究"})
    c.refresh_from_db()
    assert (c.status, c.answer, c.answer_reason) == (CommentStatus.PUBLISHED, "not_adopted", "另行研究")
    other = login(clerk_b)
    assert (
        other.post(f"/decisions/comments/{c.pk}/answer/", {"answer": "adopted", "reason": "x"}).status_code
        == 404
    )
    url = f"/decisions/comments/?indicator=legality.decision_comments_received&org={tree.city.pk}&period=2025"
    page = client.get(url).content.decode()
    assert "共 1 条" in page and "建议增加困难群体补贴" in page
