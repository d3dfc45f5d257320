"""普法 JSON API: the schemas; the endpoints are the casework kit's — the activities' (casework.KIND, /cases) and the
registers' (法治文化阵地 /sites, 民主法治示范村（社区） /villages, 法律明白人 /literates: the pages' forms and services,
through core.casework.api.register_routes)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router, register_routes
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs
from fazhi.core.personal import PersonalSchema

from . import selectors, services
from .casework import KIND
from .registers import REGISTERS


class PublicityActivityOut(Schema):
    id: int
    kind: str
    title: str
    held_on: date
    unit: str
    place: str
    audience: int
    materials: int
    lecturers: str
    media: str
    status: str
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class PublicityPageOut(Schema):
    items: list[PublicityActivityOut]
    next_cursor: str | None


class PublicityRegisterIn(Schema):
    unit_id: DbId
    kind: str
    title: str
    held_on: Day
    place: str
    audience: int = 0
    materials: int = 0
    lecturers: str = ""
    media: str = ""


def register(request, payload: PublicityRegisterIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    return services.register_activity(actor=request.user, unit=unit, **data)


router = case_router(
    KIND,
    module=__name__,
    tags=["普法"],
    case_out=PublicityActivityOut,
    page_out=PublicityPageOut,
    filters={"q": (str, ""), "kind": (str, ""), "year": (Year | None, None), "status": (str, "")},
    register_in=PublicityRegisterIn,
    create=register,
    action_doc="Runs an action (media: links, one a line) with the page form's fields.",
)


# -- 法治文化阵地, 民主法治示范村（社区）, 法律明白人 ---------------------------------------------------------------
class PublicityCultureSiteOut(Schema):
    id: int
    name: str
    kind: str
    unit: str
    township: str
    location: str
    built_on: date
    accepted_on: date | None
    status: str
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class PublicityCultureSitePageOut(Schema):
    items: list[PublicityCultureSiteOut]
    next_cursor: int | None


class PublicityCultureSiteIn(Schema):
    unit_id: DbId
    name: str
    kind: str
    location: str
    built_on: Day
    township: str = ""
    accepted_on: Day | None = None


class PublicityVillageReviewOut(Schema):
    year: int
    reviewed_on: date
    result: str
    note: str


class PublicityModelVillageOut(Schema):
    id: int
    village: str
    unit: str
    township: str
    level: str
    named_on: date
    batch: str
    status: str
    revoked_on: date | None
    reviews: list[PublicityVillageReviewOut]
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name

    @staticmethod
    def resolve_reviews(obj):
        return list(obj.reviews.all())


class PublicityModelVillagePageOut(Schema):
    items: list[PublicityModelVillageOut]
    next_cursor: int | None


class PublicityModelVillageIn(Schema):
    unit_id: DbId
    village: str
    level: str
    named_on: Day
    township: str = ""
    batch: str = ""


class PublicityLegalLiterateOut(PersonalSchema):
    id: int
    name: str
    phone: str
    unit: str
    village: str
    township: str
    registered_on: date
    trained_hours: int
    training: str
    certificate: str
    status: str
    left_on: date | None
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class PublicityLegalLiteratePageOut(Schema):
    items: list[PublicityLegalLiterateOut]
    next_cursor: int | None


class PublicityLegalLiterateIn(Schema):
    unit_id: DbId
    name: str
    village: str
    registered_on: Day
    township: str = ""
    phone: str = ""
    trained_hours: int = 0
    training: str = ""
    certificate: str = ""


def _lister(register: str):
    def listed(user, **filters):
        qs = selectors.filtered_register(user, register, selectors.RegisterFilters(**filters))
        return qs.select_related("unit").prefetch_related(*REGISTERS[register].prefetch)

    return listed


for _name, _out, _page, _in, _action in (
    ("sites", PublicityCultureSiteOut, PublicityCultureSitePageOut, PublicityCultureSiteIn, "close"),
    ("villages", PublicityModelVillageOut, PublicityModelVillagePageOut, PublicityModelVillageIn, "review"),
    (
        "literates",
        PublicityLegalLiterateOut,
        PublicityLegalLiteratePageOut,
        PublicityLegalLiterateIn,
        "withdraw",
    ),
):
    _reg = REGISTERS[_name]
    register_routes(
        router,
        module=__name__,
        path=_name,
        out=_out,
        page_out=_page,
        create_in=_in,
        # unit: the 管护/指导/培养单位; kind: 阵地类型 or 命名级别 (literates have none); status: the register's
        filters={"q": (str, ""), "unit": (DbId | None, None), "status": (str, "")}
        | ({"kind": (str, "")} if _reg.kinds else {}),
        listed=_lister(_name),
        visible=selectors.REGISTERS[_name][0],
        form=_reg.form,
        create=_reg.create,
        actions={_action: (_reg.action_form, _reg.action)},
        record_arg=_reg.action_arg,
    )
del _name, _out, _page, _in, _action, _reg  # not module attributes: each schema has one name
