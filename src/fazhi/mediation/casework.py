"""The 矛盾纠纷 record declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs
from fazhi.core.personal import personal_fields
from fazhi.core.workflow import Workflow

from . import forms, rules, selectors, services
from .choices import Channel, DisputeKind, Source, Status

ACTIONS = {
    "session": (forms.SessionForm, services.record_session),
    "conclude": (forms.ConcludeForm, services.conclude),
    "apply": (forms.ApplyForm, services.apply_confirmation),
    "confirm": (forms.ConfirmForm, services.record_confirmation),
    "follow_up": (forms.FollowUpForm, services.follow_up),
}


class Mediation(CaseKind):
    app = "mediation"
    date_field = "received_on"
    sorts = {"due": "handling_due"}  # the 期限 column
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该单位的矛盾纠纷"
    edit_fields = ("channel", "committee", "mediator", "source", "kind", "parties", "summary", "received_on")

    def require_handle(self, actor, record) -> None:
        services.require_handler(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.outcome:
            return {"received_on": "调解已终结，登记日期不能再修改；确属登记错误的，请作废后重新登记"}
        return {}

    def after_edit(self, record, before: dict) -> None:
        record.handling_due = rules.handling_due(record)

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "mediation.handle") or can(user, record.unit, "mediation.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        return {"received_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.register_dispute(
            actor=actor,
            unit=d["unit"],
            channel=d["channel"],
            committee=d["committee"] or "",
            mediator=d["mediator"] or "",
            organization=d.get("organization"),
            mediator_record=d.get("mediator_record"),
            sweep=d.get("sweep"),
            source=d["source"],
            kind=d["kind"],
            parties=d["parties"],
            summary=d["summary"],
            received_on=d["received_on"],
        )

    def created_message(self, record) -> str:
        return f"已登记矛盾纠纷 {record.number}，调结期限 {record.handling_due:%Y年%m月%d日}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "channels": Channel.choices,
            "kinds": DisputeKind.choices,
            "sources": Source.choices,
            "units": visible_orgs(request.user).order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        return {"confirmation_deadline": rules.confirmation_deadline(record)}


KIND = Mediation()


# -- the registers beside the ledger: 调解组织, 人民调解员, 调解员培训, 矛盾纠纷排查 ----------------------------------
# Their lists and registration forms are mediation.views' (one register list for the four); the kit gives each its
# record page (details, 附件, 修改历史), 修改基本信息 and 作废, under /mediation/<register>/<id>/.


class Register(CaseKind):
    """One register of the mediation office, as a record type of the kit without workflow actions."""

    app = "mediation"
    related = ("org", "unit")
    actions: dict = {}
    rules = SimpleNamespace(WORKFLOW=Workflow(status=None, transitions_list=()))  # type: ignore[assignment]
    templates = {"detail": "mediation/register_detail.html"}
    #: the register's key in mediation.views.REGISTERS, its URL prefix and its URL names' stem
    key: str
    stem: str
    visible_records: Any
    #: the record page's rows: (label, attribute or callable, personal field name or "")
    info: tuple[tuple[str, Any], ...]

    def url_name(self, name: str) -> str:
        if name == "list":
            return f"mediation:{self.key}"
        return f"mediation:{self.stem}_{name}"

    def visible(self, user):
        return self.visible_records(user)

    def shown_actions(self, user, record) -> list[str]:
        return []

    def require_handle(self, actor, record) -> None:
        services.require_handler(actor, (record.org, record.unit))

    def detail_context(self, request, record) -> dict:
        rows = []
        for label, attr in self.info:
            value = attr(record) if callable(attr) else getattr(record, attr)
            rows.append(
                (
                    label,
                    "—" if value in (None, "") else value,
                    attr if attr in personal_fields(record) else "",
                )
            )
        return {"info_rows": rows, "register_title": record._meta.verbose_name}


def _date(value) -> str:
    return f"{value:%Y年%m月%d日}" if value else "—"


class OrganizationRegister(Register):
    key, stem, date_field = "organizations", "organization", "established_on"
    visible_records = staticmethod(selectors.visible_organizations)
    edit_fields = ("name", "kind", "members", "established_on", "dissolved_on")
    info = (
        ("调解组织名称", "name"),
        ("组织类型", lambda o: o.get_kind_display()),
        ("所在单位", lambda o: o.unit.name),
        ("委员人数", "members"),
        ("在任调解员", lambda o: o.mediators.filter(left_on__isnull=True).count()),
        ("设立日期", lambda o: _date(o.established_on)),
        ("撤销日期", lambda o: _date(o.dissolved_on)),
    )

    def validate(self, record) -> dict[str, str]:
        errors = rules.validate_organization(kind=record.kind, members=record.members)
        if record.dissolved_on and record.dissolved_on < record.established_on:
            errors["dissolved_on"] = "撤销日期不能早于设立日期"
        return errors


class MediatorRegister(Register):
    key, stem, date_field = "mediators", "mediator", "appointed_on"
    visible_records = staticmethod(selectors.visible_mediators)
    related = ("org", "unit", "organization")
    edit_fields = ("name", "post", "appointment", "qualifications", "phone", "appointed_on", "left_on")
    info = (
        ("姓名", "name"),
        ("调解组织", lambda m: m.organization.name),
        ("专兼职", lambda m: m.get_post_display()),
        ("任职方式", lambda m: m.get_appointment_display()),
        ("资格与专长", "qualifications"),
        ("联系电话", "phone"),
        ("选任日期", lambda m: _date(m.appointed_on)),
        ("离任日期", lambda m: _date(m.left_on)),
    )

    def validate(self, record) -> dict[str, str]:
        errors = rules.validate_mediator(record)
        if record.left_on and record.left_on < record.appointed_on:
            errors["left_on"] = "离任日期不能早于选任日期"
        return errors


class TrainingRegister(Register):
    key, stem, date_field = "trainings", "training", "held_on"
    visible_records = staticmethod(selectors.visible_trainings)
    edit_fields = ("title", "held_on", "hours")
    info = (
        ("培训名称", "title"),
        ("举办单位", lambda t: t.unit.name),
        ("培训日期", lambda t: _date(t.held_on)),
        ("学时", "hours"),
        ("参训调解员", lambda t: "、".join(m.name for m in t.attendees.all()) or "—"),
    )

    def validate(self, record) -> dict[str, str]:
        return rules.validate_training(record, record.attendees.all())


class SweepRegister(Register):
    key, stem, date_field = "sweeps", "sweep", "held_on"
    visible_records = staticmethod(selectors.visible_sweeps)
    related = ("org", "unit", "organization")
    edit_fields = ("held_on", "area", "risks_found", "note")
    info = (
        ("排查日期", lambda s: _date(s.held_on)),
        ("排查区域", "area"),
        ("排查单位", lambda s: s.unit.name),
        ("调解组织", lambda s: s.organization.name if s.organization else "—"),
        ("发现矛盾纠纷和风险隐患", "risks_found"),
        ("登记为纠纷", lambda s: s.disputes.count()),
        ("排查情况", "note"),
    )

    def validate(self, record) -> dict[str, str]:
        return rules.validate_sweep(record)


REGISTERS = {
    k.key: k for k in (OrganizationRegister(), MediatorRegister(), TrainingRegister(), SweepRegister())
}
