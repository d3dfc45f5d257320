"""督察问题 (the 问题台账), 督察, 考评方案 and 述法 declared for the casework kit: list, create, detail, action pages
and API endpoints follow from each kind. The 问题台账 is the app's main list (namespace "supervision"); the
others have their own namespaces under the app's URL prefix (urls.py)."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.attachments import attachments_of
from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, can_any, require, visible_orgs

from . import forms, rules, selectors, services
from .choices import (
    EvidenceStatus,
    InspectionKind,
    InspectionStatus,
    InterviewStatus,
    ProblemSource,
    ProblemStatus,
    SchemeStatus,
    ShufaStatus,
)


def checked_fields(record, fields) -> dict[str, str]:
    """The model's own checks of the fields an edit may change (a required field left empty, a length): for the
    records other than problems, whose `rules.validate` reads a problem's fields."""
    from django.core.exceptions import ValidationError

    others = [f.name for f in record._meta.fields if f.name not in fields]
    try:
        record.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return {k: "；".join(v) for k, v in exc.message_dict.items()}
    return {}


class OwnChecks(CaseKind):
    """A record kind of this app other than the 问题台账: its edits are checked by its own model."""

    def validate(self, record) -> dict[str, str]:
        return checked_fields(record, self.edit_fields)


ACTIONS = {
    "plan": (forms.PlanForm, services.plan_rectification),
    "progress": (forms.ProgressForm, services.report_progress),
    "apply": (forms.ApplyForm, services.apply_closure),
    "approve": (forms.ApproveForm, services.approve_closure),
    "refuse": (forms.RefuseForm, services.refuse_closure),
    "reopen": (forms.ReopenForm, services.reopen_problem),
}


class Problems(CaseKind):
    app = "supervision"
    date_field = "found_on"
    sorts = {"due": "rectify_due"}  # the 期限 column
    related = ("org", "jurisdiction", "inspection")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.ProblemForm
    create_denied = "无权登记该地区的督察问题"
    # 修改基本信息 (core.casework.editing): the office corrects the finding or extends the deadline, with a reason
    edit_fields = ("description", "category", "source_ref", "rectify_due")

    def require_handle(self, actor, record) -> None:
        require(actor, record.jurisdiction, services.MANAGE, message="问题台账由法治办维护：无权修改或作废")

    def locked_fields(self, record) -> dict[str, str]:
        if record.status == ProblemStatus.CLOSED:
            return {"rectify_due": "问题已销号，整改期限不再修改；如需重新整改，请使用「重新整改」"}
        return {}

    def can_create(self, user) -> bool:
        return can_any(user, services.MANAGE)

    def can_import(self, user) -> bool:
        return False  # the app's import sheet is the 考评得分 one (考评 list)

    def shown_actions(self, user, record) -> list[str]:
        unit = can(user, record.org, services.HANDLE)
        office = can(user, record.jurisdiction, services.MANAGE)
        return [n for n in rules.allowed_actions(record) if (unit if n in rules.UNIT_ACTIONS else office)]

    def create_initial(self) -> dict:
        return {"found_on": timezone.localdate(), "source": ProblemSource.INSPECTION}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.record_problem(
            actor=actor,
            org=d["org"],
            source=d["source"],
            inspection=d["inspection"],
            source_ref=d["source_ref"],
            category=d["category"],
            description=d["description"],
            found_on=d["found_on"],
            rectify_due=d["rectify_due"],
        )

    def created_message(self, record) -> str:
        return f"已登记问题，整改责任单位 {record.org.name}，整改期限 {record.rectify_due:%Y年%m月%d日}。"

    def list_context(self, request, ctx) -> dict:
        f = ctx["f"]
        qs = selectors.filtered_cases(request.user, f)
        return {
            "statuses": ProblemStatus.choices,
            "sources": ProblemSource.choices,
            "units": visible_orgs(request.user).exclude(parent__isnull=True).order_by("path"),
            "figures": selectors.problem_figures(qs, ctx["today"]),
        }

    def detail_context(self, request, record) -> dict:
        return {
            "overdue": rules.is_overdue(record, timezone.localdate()),
            "attachments": attachments_of(record),
            "attach_model": "problem",
        }


PROBLEMS = Problems()
KIND = PROBLEMS


class Inspections(OwnChecks):
    app = "supervision_inspections"
    date_field = "started_on"
    related = ("org",)
    selectors = selectors
    rules = rules
    actions = {"conclude": (forms.ConcludeForm, services.conclude_inspection)}
    create_form = forms.InspectionForm
    create_denied = "无权组织该地区的法治督察"
    edit_fields = ("title", "scope", "inspectors")

    def require_handle(self, actor, record) -> None:
        require(actor, record.org, services.MANAGE, message="无权修改或作废该督察")

    def can_create(self, user) -> bool:
        return can_any(user, services.MANAGE)

    def can_import(self, user) -> bool:
        return False

    templates = {
        "list": "supervision/inspection_list.html",
        "detail": "supervision/inspection_detail.html",
        "create": "supervision/inspection_create.html",
    }

    @property
    def filters(self) -> type:
        return selectors.InspectionFilters

    @property
    def transitions(self):
        return rules.INSPECTION_WORKFLOW.transitions

    def visible(self, user):
        return selectors.visible_inspections(user)

    def filtered(self, user, f):
        return selectors.filtered_inspections(user, f)

    def shown_actions(self, user, record) -> list[str]:
        if not can(user, record.org, services.MANAGE):
            return []
        return rules.INSPECTION_WORKFLOW.allowed(record)

    def create_initial(self) -> dict:
        return {"started_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.start_inspection(
            actor=actor,
            org=d["org"],
            title=d["title"],
            kind=d["kind"],
            scope=d["scope"],
            inspectors=d["inspectors"],
            units=d["units"],
            started_on=d["started_on"],
        )

    def created_message(self, record) -> str:
        return f"已登记督察「{record.title}」。"

    def list_context(self, request, ctx) -> dict:
        return {"statuses": InspectionStatus.choices, "kinds": InspectionKind.choices}

    def detail_context(self, request, record) -> dict:
        problems = selectors.visible_cases(request.user).filter(inspection=record).select_related("org")
        return {
            "units": record.inspected_units.order_by("path"),
            "problems": problems,
            "figures": selectors.problem_figures(problems),
            "today": timezone.localdate(),
        }


INSPECTIONS = Inspections()


class Interviews(OwnChecks):
    """约谈: the office records a 约谈 of a unit's leader, then follows up what the unit did."""

    app = "supervision_interviews"
    date_field = "held_on"
    related = ("org", "jurisdiction", "inspection", "problem")
    selectors = selectors
    rules = rules
    actions = {"follow": (forms.FollowForm, services.follow_up_interview)}
    create_form = forms.InterviewForm
    create_denied = "无权登记该地区的约谈"
    edit_fields = ("leader", "title", "reason", "requirements")

    templates = {
        "list": "supervision/interview_list.html",
        "detail": "supervision/interview_detail.html",
        "create": "supervision/interview_create.html",
    }

    def require_handle(self, actor, record) -> None:
        require(actor, record.jurisdiction, services.MANAGE, message="无权修改或作废该约谈记录")

    def can_create(self, user) -> bool:
        return can_any(user, services.MANAGE)

    def can_import(self, user) -> bool:
        return False

    @property
    def filters(self) -> type:
        return selectors.InterviewFilters

    @property
    def transitions(self):
        return rules.INTERVIEW_WORKFLOW.transitions

    def visible(self, user):
        return selectors.visible_interviews(user)

    def filtered(self, user, f):
        return selectors.filtered_interviews(user, f)

    def shown_actions(self, user, record) -> list[str]:
        if not can(user, record.jurisdiction, services.MANAGE):
            return []
        return rules.INTERVIEW_WORKFLOW.allowed(record)

    def create_initial(self) -> dict:
        return {"held_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.record_interview(
            actor=actor,
            org=d["org"],
            leader=d["leader"],
            title=d["title"],
            held_on=d["held_on"],
            reason=d["reason"],
            inspection=d["inspection"],
            problem=d["problem"],
            requirements=d["requirements"],
        )

    def created_message(self, record) -> str:
        return f"已登记约谈：{record.org.name}{record.leader}。"

    def list_context(self, request, ctx) -> dict:
        return {"statuses": InterviewStatus.choices}


INTERVIEWS = Interviews()


class Schemes(OwnChecks):
    app = "supervision_schemes"
    date_field = "adopted_on"
    related = ("org",)
    selectors = selectors
    rules = rules
    actions = {
        "item": (forms.ItemForm, services.add_item),
        "score": (forms.ScoreForm, services.score_unit),
        "compute": (forms.ComputeForm, services.compute_scores),
        "publish": (forms.PublishForm, services.publish_results),
    }
    create_form = forms.SchemeForm
    create_denied = "无权制定该地区的考评方案"
    edit_fields = ("name",)

    def require_handle(self, actor, record) -> None:
        require(actor, record.org, services.MANAGE, message="无权修改或作废该考评方案")

    def locked_fields(self, record) -> dict[str, str]:
        if record.status == SchemeStatus.PUBLISHED:
            return {"name": "考评结果已公布，方案已锁定"}
        return {}

    def can_create(self, user) -> bool:
        return can_any(user, services.MANAGE)

    def can_import(self, user) -> bool:
        return can_any(user, "supervision.import")

    templates = {
        "list": "supervision/scheme_list.html",
        "detail": "supervision/scheme_detail.html",
        "create": "supervision/scheme_create.html",
    }

    @property
    def filters(self) -> type:
        return selectors.SchemeFilters

    @property
    def transitions(self):
        return rules.SCHEME_WORKFLOW.transitions

    def visible(self, user):
        return selectors.visible_schemes(user)

    def filtered(self, user, f):
        return selectors.filtered_schemes(user, f)

    def shown_actions(self, user, record) -> list[str]:
        manage = can(user, record.org, services.MANAGE)
        assess = can(user, record.org, services.ASSESS)
        allowed = rules.SCHEME_WORKFLOW.allowed(record)
        return [n for n in allowed if (assess if n in ("score", "compute") else manage)]

    def create_initial(self) -> dict:
        today = timezone.localdate()
        return {"adopted_on": today, "year": today.year}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.create_scheme(
            actor=actor, org=d["org"], year=d["year"], name=d["name"], adopted_on=d["adopted_on"]
        )

    def created_message(self, record) -> str:
        return f"已制定{record.year}年度考评方案（第{record.revision}版），请增加考评项目。"

    def list_context(self, request, ctx) -> dict:
        return {"statuses": SchemeStatus.choices}

    def detail_context(self, request, record) -> dict:
        from fazhi.indicators.registry import catalog

        items = list(record.items.all())
        names = {i.pk: catalog().get(i.indicator, {}).get("zh", "") for i in items if i.indicator}
        evidence = selectors.evidence_by_cell(record, request.user)
        per_unit: dict[int, int] = {}
        for (_, unit), rows in evidence.items():
            per_unit[unit] = per_unit.get(unit, 0) + len(rows)
        rankings = selectors.ranking(record)
        for group in rankings:
            for row in group.rows:
                row.evidence_count = per_unit.get(row.unit.pk, 0)
        return {
            "items": items,
            "figure_names": names,
            "rankings": rankings,
            "evidence": [e for cell in evidence.values() for e in cell],
        }


SCHEMES = Schemes()


class EvidenceKind(OwnChecks):
    """考评材料: a unit files its evidence for a scored item; the assessors read it (审阅) before scoring."""

    app = "supervision_evidence"
    date_field = "submitted_on"
    related = ("org", "item", "item__scheme")
    selectors = selectors
    rules = rules
    actions = {"review": (forms.EvidenceReviewForm, services.review_evidence)}
    create_form = forms.EvidenceForm
    create_denied = "只有被考评单位可以提交本单位的考评材料"
    edit_fields = ("note", "link")

    templates = {
        "list": "supervision/evidence_list.html",
        "detail": "supervision/evidence_detail.html",
        "create": "supervision/evidence_create.html",
    }

    def require_handle(self, actor, record) -> None:
        require(actor, record.org, services.HANDLE, message="无权修改或作废该考评材料")

    def locked_fields(self, record) -> dict[str, str]:
        if record.item.scheme.status == SchemeStatus.PUBLISHED:
            return {name: "考评结果已公布，材料已锁定" for name in self.edit_fields}
        return {}

    def validate(self, record) -> dict[str, str]:
        from django.core.exceptions import ValidationError

        try:
            services.check_link(record.link)
        except ValidationError as exc:
            return {k: "；".join(v) for k, v in exc.message_dict.items()}
        return super().validate(record)

    def can_create(self, user) -> bool:
        return can_any(user, services.HANDLE)

    def can_import(self, user) -> bool:
        return False

    @property
    def filters(self) -> type:
        return selectors.EvidenceFilters

    @property
    def transitions(self):
        return rules.EVIDENCE_WORKFLOW.transitions

    def visible(self, user):
        return selectors.visible_evidence(user)

    def filtered(self, user, f):
        return selectors.filtered_evidence(user, f)

    def shown_actions(self, user, record) -> list[str]:
        if not can(user, record.item.scheme.org, services.ASSESS):
            return []
        return rules.EVIDENCE_WORKFLOW.allowed(record)

    def create_initial(self) -> dict:
        return {"submitted_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.submit_evidence(
            actor=actor,
            item=d["item"],
            org=d["org"],
            note=d["note"],
            link=d["link"],
            submitted_on=d["submitted_on"],
        )

    def created_message(self, record) -> str:
        return "已提交考评材料，请在“附件”中上传材料文件。"

    def list_context(self, request, ctx) -> dict:
        return {"statuses": EvidenceStatus.choices}

    def detail_context(self, request, record) -> dict:
        from .models import UnitScore

        score = UnitScore.objects.filter(item=record.item, unit=record.org).first()
        readable = selectors.visible_schemes(request.user).filter(pk=record.item.scheme_id).exists()
        return {"score": score, "can_read_scheme": readable}


EVIDENCE = EvidenceKind()


class ShufaKind(OwnChecks):
    app = "supervision_shufa"
    date_field = "held_on"
    related = ("org",)
    selectors = selectors
    rules = rules
    actions = {"review": (forms.ReviewForm, services.review_shufa)}
    create_form = forms.ShufaForm
    create_denied = "无权登记该单位的述法"
    edit_fields = ("title", "held_on", "meeting", "summary")

    def require_handle(self, actor, record) -> None:
        require(actor, record.org, services.HANDLE, message="无权修改或作废该述法记录")

    def locked_fields(self, record) -> dict[str, str]:
        if record.status == ShufaStatus.REVIEWED:
            return {"held_on": "述法已评议，述法日期不再修改"}
        return {}

    def can_create(self, user) -> bool:
        return can_any(user, services.HANDLE)

    def can_import(self, user) -> bool:
        return False

    templates = {
        "list": "supervision/shufa_list.html",
        "detail": "supervision/shufa_detail.html",
        "create": "supervision/shufa_create.html",
    }

    @property
    def filters(self) -> type:
        return selectors.ShufaFilters

    @property
    def transitions(self):
        return rules.SHUFA_WORKFLOW.transitions

    def visible(self, user):
        return selectors.visible_shufa(user)

    def filtered(self, user, f):
        return selectors.filtered_shufa(user, f)

    def shown_actions(self, user, record) -> list[str]:
        if not can(user, record.org.jurisdiction(), services.MANAGE):
            return []
        return rules.SHUFA_WORKFLOW.allowed(record)

    def create_initial(self) -> dict:
        today = timezone.localdate()
        return {"held_on": today, "year": today.year - 1 if today.month <= 3 else today.year}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.record_shufa(
            actor=actor,
            org=d["org"],
            year=d["year"],
            leader=d["leader"],
            title=d["title"],
            held_on=d["held_on"],
            meeting=d["meeting"],
            summary=d["summary"],
            person=d.get("person"),
        )

    def created_message(self, record) -> str:
        return f"已登记{record.leader}的{record.year}年度述法。"

    def detail_context(self, request, record) -> dict:
        return {"study": selectors.study_record(request.user, record)}

    def list_context(self, request, ctx) -> dict:
        return {"statuses": ShufaStatus.choices}


SHUFA = ShufaKind()
