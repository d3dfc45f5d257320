"""重大行政决策 import and export: the sheet "重大行政决策" for fazhi.core.importing. A row is a decision in its
historical state (listed, steps done with their dates); the catalog of its year is created if missing and the
derived dates are those of the services (rules.comment_deadline, rules.hearing_deadline)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from fazhi.core.importing import (
    BOOL,
    CHOICE,
    DATE,
    IMPORT_REASON,
    INT,
    ORG,
    Column,
    Importer,
    RowInvalid,
    bulk_create_audited,
    bulk_insert,
    chunked,
    event_row,
    register,
)

from . import rules, services
from .choices import Category, CommentAnswer, CommentChannel, LegalityOpinion, Meeting, Status
from .models import Decision, DecisionEvent, DraftClause, PublicComment

STEP_DATES = (
    ("comment", "comment_end"),
    ("hearing", "hearing_on"),
    ("expert", "expert_on"),
    ("risk", "risk_on"),
    ("legality", "legality_on"),
    ("decide", "discussed_on"),
    ("publish", "published_on"),
    ("archive", "archived_on"),
)


@register
class DecisionImporter(Importer):
    app = "decisions"
    title = "重大行政决策"
    sheet_name = "重大行政决策"
    model = Decision
    list_url_name = "decisions:list"
    columns = (
        Column("number", "事项编号", required=True, help="全系统不得重复", width=22),
        Column("title", "决策事项", required=True, width=36),
        Column("sponsor", "决策承办单位", ORG, required=True, width=22),
        Column("category", "事项类别", CHOICE, required=True, choices=Category, width=30),
        Column("year", "目录年度", INT, required=True),
        Column("listed_on", "列入目录日期", DATE, required=True),
        Column("needs_expert", "须专家论证", BOOL),
        Column("needs_risk", "须风险评估", BOOL),
        Column("comment_start", "公开征求意见开始日期", DATE, width=20),
        Column("comment_end", "公开征求意见截止日期", DATE, width=20),
        Column("comment_shortened_reason", "缩短期限理由", max_length=300),
        Column("comments_received", "收到意见（条）", INT),
        Column("comments_adopted", "采纳意见（条）", INT),
        Column("hearing_on", "听证会日期", DATE),
        Column("expert_on", "专家论证日期", DATE),
        Column("risk_on", "风险评估日期", DATE),
        Column("legality_review", "合法性审查编号", max_length=80),
        Column("legality_on", "合法性审查意见日期", DATE),
        Column("legality_opinion", "合法性审查意见", CHOICE, choices=LegalityOpinion),
        Column("discussed_on", "集体讨论日期", DATE),
        Column("meeting", "会议", CHOICE, choices=Meeting),
        Column("published_on", "决策公布日期", DATE),
        Column("archived_on", "归档日期", DATE),
    )
    notes = (
        "状态由所填日期推定：有公布日期为「已公布」，有集体讨论日期为「已集体讨论决定」，其余为「履行决策程序中」。",
        "有集体讨论日期的，须已填写合法性审查意见（合法或修改后合法），以及须专家论证、风险评估的相应日期（条例第二十五条）。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        numbers = sorted({v["number"] for _, v in rows})
        self.db_numbers: set[str] = set()
        for part in chunked(numbers, 500):
            self.db_numbers.update(Decision.objects.filter(number__in=part).values_list("number", flat=True))
        self.file_numbers: dict[str, int] = {}

    def build(self, row: int, v: dict[str, Any]) -> Decision:
        sponsor = v["sponsor"]
        org = self.orgs.jurisdiction(sponsor)
        try:
            services._require(self.user, org, sponsor)
        except PermissionDenied:
            self.error(row, "sponsor", f"无权导入「{sponsor.name}」的决策事项")
            raise RowInvalid from None
        d = Decision(
            org=org,
            sponsor=sponsor,
            number=v["number"],
            title=v["title"],
            category=v["category"],
            listed_on=v["listed_on"],
            needs_expert=bool(v["needs_expert"]),
            needs_risk=bool(v["needs_risk"]),
            comment_start=v["comment_start"],
            comment_end=v["comment_end"],
            comment_shortened_reason=v["comment_shortened_reason"] or "",
            comments_received=v["comments_received"] or 0,
            comments_adopted=v["comments_adopted"] or 0,
            hearing_on=v["hearing_on"],
            expert_on=v["expert_on"],
            risk_on=v["risk_on"],
            legality_review=v["legality_review"] or "",
            legality_on=v["legality_on"],
            legality_opinion=v["legality_opinion"] or "",
            discussed_on=v["discussed_on"],
            meeting=v["meeting"] or "",
            published_on=v["published_on"],
            archived_on=v["archived_on"],
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        c, h = rules.comment_deadline(d), rules.hearing_deadline(d)
        d.comment_earliest_end, d.hearing_materials_due = (c.due if c else None), (h.due if h else None)
        bad = False
        for key, message in rules.validate(d).items():
            self.error(row, key, message)
            bad = True
        if d.discussed_on:
            for reason in rules.missing_before_decision(d):
                self.error(row, "discussed_on", reason)
                bad = True
        if d.number in self.file_numbers:
            self.error(row, "number", f"事项编号「{d.number}」与第{self.file_numbers[d.number]}行重复")
            bad = True
        elif d.number in self.db_numbers:
            self.error(row, "number", f"事项编号「{d.number}」已被使用")
            bad = True
        else:
            self.file_numbers[d.number] = row
        if bad:
            raise RowInvalid
        d.status = (
            Status.PUBLISHED if d.published_on else Status.DECIDED if d.discussed_on else Status.IN_PROGRESS
        )
        d.catalog_year = v["year"]  # type: ignore[attr-defined]  # resolved to the catalog in write()
        return d

    def write(self, built: list[Decision], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        for d in built:
            d.catalog = services.catalog_for(d.org, d.catalog_year)  # type: ignore[attr-defined]
        done = 0
        for part in chunked(built, 2000):
            saved = bulk_create_audited(Decision, part, user=user, when=now)
            events = []
            for d in saved:
                dates: list[tuple[str, date]] = [("list", d.listed_on)]
                dates += [(a, getattr(d, f)) for a, f in STEP_DATES if getattr(d, f)]
                for action, on in dates:
                    kind, on, note = rules.event(d, action, on)
                    events.append(
                        event_row(
                            d.pk,
                            kind,
                            on,
                            note or IMPORT_REASON,
                            actor_id=user.pk if user else None,
                            when=now,
                        )
                    )
            bulk_insert(DecisionEvent, events)
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(sponsor__path__startswith=org.path))
        if year:
            qs = qs.filter(catalog__year=year)
        return qs.select_related("sponsor", "catalog").order_by("listed_on", "id")

    def export_row(self, d: Decision) -> list[Any]:
        return [
            d.number, d.title, self.orgs.label(d.sponsor), d.get_category_display(), d.catalog.year, d.listed_on,
            "是" if d.needs_expert else "否", "是" if d.needs_risk else "否", d.comment_start, d.comment_end,
            d.comment_shortened_reason, d.comments_received, d.comments_adopted, d.hearing_on, d.expert_on,
            d.risk_on, d.legality_review, d.legality_on,
            d.get_legality_opinion_display() if d.legality_opinion else "", d.discussed_on,
            d.get_meeting_display() if d.meeting else "", d.published_on, d.archived_on,
        ]  # fmt: skip


@register
class OfflineCommentImporter(Importer):
    """Comments on a draft that reached the office offline (letters, e-mails, meetings) during the comment period:
    one row per comment, on a clause of the decision's draft, optionally with the office's answer. Each row obeys
    the rules of services.record_offline_comment (rules.offline_comment_refusal, rules.comment_errors); the
    comments wait for moderation like the portal's."""

    app = "decisions_comments"
    title = "公众意见（线下收到）"
    sheet_name = "公众意见"
    model = PublicComment
    list_url_name = "decisions:comments"
    columns = (
        Column("number", "决策事项编号", required=True, aliases=("事项编号",), width=22),
        Column(
            "clause",
            "条文",
            required=True,
            help="征求意见稿的条号，如“第三条”；无条号的草案填“草案全文”",
            width=12,
        ),
        Column("received_on", "收到日期", DATE, required=True),
        Column(
            "channel",
            "收到途径",
            CHOICE,
            required=True,
            choices=CommentChannel,
            help="信函、电子邮件、传真等",
        ),
        Column("name", "姓名或名称", max_length=60, aliases=("姓名", "来信人")),
        Column("contact", "联系方式", max_length=100, aliases=("联系电话", "电话")),
        Column("text", "意见内容", required=True, max_length=rules.COMMENT_MAX, width=50),
        Column("answer", "采纳情况", CHOICE, choices=CommentAnswer),
        Column("answer_reason", "答复（理由）", max_length=500, width=40),
        Column("answered_on", "答复日期", DATE),
    )
    notes = (
        "每行为一条线下收到的公众意见，针对决策事项征求意见稿的一条；收到日期须在公开征求意见期间内。",
        "导入的意见为“待审核”，经审核后方在门户网站公开；已答复的，同时填写采纳情况、答复理由和答复日期。",
        "导入人须有办理该决策事项的权限；任何一行有误，整个文件都不导入。",
    )

    def require_user(self) -> None:
        super().require_user()
        from fazhi.core.capabilities import all_capabilities
        from fazhi.core.permissions import can_any

        if not can_any(self.user, "decisions.import"):
            raise PermissionDenied(f"无权导入公众意见（需要“{all_capabilities()['decisions.import']}”权限）")

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        from .selectors import visible_cases

        numbers = sorted({v["number"] for _, v in rows})
        self.decisions: dict[str, Decision] = {}
        for part in chunked(numbers, 500):
            for d in visible_cases(self.user).filter(number__in=part).select_related("org", "sponsor"):
                self.decisions[d.number] = d
        self.clauses: dict[tuple[int, str], DraftClause] = {}
        for c in DraftClause.objects.filter(decision__in=list(self.decisions.values())):
            self.clauses[(c.decision_id, str(c))] = c

    def build(self, row: int, v: dict[str, Any]) -> PublicComment:
        d = self.decisions.get(v["number"])
        if d is None:
            self.error(row, "number", f"决策事项编号「{v['number']}」不存在或无权查看")
            raise RowInvalid
        try:
            services._require(self.user, d.org, d.sponsor)
        except PermissionDenied:
            self.error(row, "number", f"无权登记决策事项「{d.number}」的公众意见")
            raise RowInvalid from None
        bad = False
        refusal = rules.offline_comment_refusal(d, v["received_on"])
        if refusal:
            self.error(row, "received_on", refusal)
            bad = True
        if v["channel"] == CommentChannel.PORTAL:
            self.error(row, "channel", "网上征求意见的意见由门户网站提交，不能导入；请填写线下收到的途径")
            bad = True
        clause = self.clauses.get((d.pk, v["clause"]))
        if clause is None:
            known = "、".join(k for (pk, k) in self.clauses if pk == d.pk)
            self.error(
                row, "clause", f"征求意见稿中没有「{v['clause']}」" + (f"；可填：{known}" if known else "")
            )
            bad = True
        text, name, contact = v["text"] or "", v["name"] or "", v["contact"] or ""
        for key, message in rules.comment_errors(text, name, contact).items():
            self.error(row, key, message)
            bad = True
        answer, reason, answered_on = v["answer"] or "", v["answer_reason"] or "", v["answered_on"]
        if answer and not (reason and answered_on):
            self.error(
                row,
                "answer_reason" if not reason else "answered_on",
                "已填采纳情况的，须填写答复理由和答复日期",
            )
            bad = True
        if (reason or answered_on) and not answer:
            self.error(row, "answer", "填写了答复的，请选择采纳情况")
            bad = True
        if answered_on and answered_on < v["received_on"]:
            self.error(row, "answered_on", "答复日期不能早于收到日期")
            bad = True
        if bad:
            raise RowInvalid
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        return PublicComment(
            decision=d,
            clause=clause,
            submitted_on=v["received_on"],
            channel=v["channel"],
            name=name,
            contact=contact,
            text=text,
            answer=answer,
            answer_reason=reason,
            answered_on=answered_on,
            answered_by=user if answer else None,
        )

    def write(self, built: list[PublicComment], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        done = 0
        for part in chunked(built, 2000):
            bulk_create_audited(PublicComment, part, user=user)
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .selectors import visible_comments

        qs = visible_comments(self.user)
        if org is not None:
            qs = qs.filter(
                Q(decision__org__path__startswith=org.path) | Q(decision__sponsor__path__startswith=org.path)
            )
        if year:
            qs = qs.filter(submitted_on__year=year)
        return qs.select_related("decision", "clause").order_by("submitted_on", "id")

    def export_row(self, c: PublicComment) -> list[Any]:
        return [
            c.decision.number, str(c.clause), c.submitted_on, c.get_channel_display(), c.name, c.contact, c.text,
            c.get_answer_display() if c.answer else "", c.answer_reason, c.answered_on,
        ]  # fmt: skip
