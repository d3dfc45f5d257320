"""行政应诉 figures, and the figures that join reconsideration cases with the suits that followed them."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from fazhi.indicators.registry import count, facts, indicator, org_scope, ratio, records
from fazhi.reconsideration.indicators import concluded_qs

from .choices import Instance
from .models import LitigationCase


def scoped(org):
    s = org_scope(org)
    field = "defendant_id__in" if s.by_party else "org_id__in"
    return LitigationCase.objects.filter(**{field: s.ids})


def _in(period, field):
    return {f"{field}__gte": period.start, f"{field}__lte": period.end}


def _sued():
    return Exists(LitigationCase.objects.filter(reconsideration_id=OuterRef("pk")))


@facts("litigation")
def litigation_facts(org, period) -> dict:
    base = scoped(org)
    cases = base.filter(stage=Instance.FIRST, **_in(period, "complaint_received_on")).count()
    heard = base.filter(**_in(period, "first_hearing_on")).aggregate(
        heard=Count("id"), head=Count("id", filter=Q(head_appeared=True))
    )
    judged = base.filter(**_in(period, "judged_on")).aggregate(
        judged_n=Count("id"),
        lost_n=Count("id", filter=Q(lost=True)),
        after_judged=Count("id", filter=Q(reconsideration__isnull=False)),
        after_lost=Count("id", filter=Q(reconsideration__isnull=False, lost=True)),
    )
    recon_concluded = concluded_qs(org, period).count()
    # Concluded cases later sued, counted from the (smaller) litigation side: one semi-join, not a
    # correlated EXISTS per concluded case.
    recon_sued = (
        LitigationCase.objects.filter(reconsideration__in=concluded_qs(org, period).values("id"))
        .values("reconsideration_id")
        .distinct()
        .count()
    )
    return {"cases": cases, **heard, **judged, "recon_concluded": recon_concluded, "recon_sued": recon_sued}


@indicator("litigation.cases", uses=("litigation",), formula="期间内收到起诉状副本的一审行政诉讼案件数", source="litigation")
def cases(f):
    return count(f["cases"])


@records("litigation.cases")
def cases_records(org, period):
    return scoped(org).filter(stage=Instance.FIRST, **_in(period, "complaint_received_on"))


@indicator("litigation.head_appearance_rate", uses=("litigation",),
           formula="出庭应诉率 = 负责人（正职或副职、分管负责人）出庭的案件数 ÷ 期间内首次开庭的案件数 × 100%",
           definition="行政诉讼法第三条第三款；法释〔2020〕3号第二条、第七条（同一审级出庭一次即可）", source="litigation")
def head_appearance_rate(f):
    return ratio(f["head"], f["heard"])


def heard_all_records(org, period):
    return scoped(org).filter(**_in(period, "first_hearing_on"))


@records("litigation.head_appearance_rate")
def heard_records(org, period):
    # The drill-down of a rate lists its numerator: the cases where a 负责人 appeared.
    return scoped(org).filter(head_appeared=True, **_in(period, "first_hearing_on"))


@indicator("litigation.judged", uses=("litigation",), formula="裁判日期在期间内的案件数", source="litigation")
def judged(f):
    return count(f["judged_n"])


@records("litigation.judged")
def judged_records(org, period):
    return scoped(org).filter(**_in(period, "judged_on"))


@indicator("litigation.lost", uses=("litigation",), formula="裁判结果为撤销、确认违法、确认无效、责令履行、变更等的案件数",
           source="litigation")
def lost(f):
    return count(f["lost_n"])


@records("litigation.lost")
def lost_records(org, period):
    return judged_records(org, period).filter(lost=True)


@indicator("litigation.loss_rate", uses=("litigation",), formula="败诉率 = 败诉案件数 ÷ 审结案件数 × 100%", source="litigation")
def loss_rate(f):
    return ratio(f["lost_n"], f["judged_n"])


records("litigation.loss_rate")(lost_records)


@indicator("litigation.sued_after_reconsideration_rate", uses=("litigation",),
           formula="经复议后起诉比例 = 期间内审结的复议案件中当事人又提起行政诉讼的件数 ÷ 期间内审结的复议案件数 × 100%",
           source="reconsideration+litigation")
def sued_after_rate(f):
    return ratio(f["recon_sued"], f["recon_concluded"])


@records("litigation.sued_after_reconsideration_rate")
def sued_after_records(org, period):
    return concluded_qs(org, period).filter(_sued())


@indicator("litigation.after_reconsideration_loss_rate", uses=("litigation",),
           formula="经复议后起诉案件败诉率 = 经复议的案件中败诉件数 ÷ 经复议的审结案件数 × 100%", source="litigation")
def after_loss_rate(f):
    return ratio(f["after_lost"], f["after_judged"])


@records("litigation.after_reconsideration_loss_rate")
def after_lost_records(org, period):
    return judged_records(org, period).filter(reconsideration__isnull=False, lost=True)


@indicator("reconsideration.settled_rate", uses=("litigation",),
           formula="案结事了率 = （审结的复议案件数 − 其中又提起行政诉讼的件数） ÷ 审结的复议案件数 × 100%",
           source="reconsideration+litigation")
def settled_rate(f):
    return ratio(f["recon_concluded"] - f["recon_sued"], f["recon_concluded"])


@records("reconsideration.settled_rate")
def settled_records(org, period):
    return concluded_qs(org, period).filter(~Q(_sued()))


# Counts behind the rates above, so that every rate's numerator and denominator is a figure of its own.
@indicator("litigation.heard", uses=("litigation",), formula="期间内首次开庭的案件数", source="litigation")
def heard(f):
    return count(f["heard"])


records("litigation.heard")(heard_all_records)


@indicator("litigation.head_appeared", uses=("litigation",), formula="期间内首次开庭且负责人出庭的案件数", source="litigation")
def head_appeared(f):
    return count(f["head"])


records("litigation.head_appeared")(heard_records)


@indicator("litigation.after_reconsideration_judged", uses=("litigation",), formula="经复议后起诉、期间内裁判的案件数",
           source="litigation")
def after_judged(f):
    return count(f["after_judged"])


@records("litigation.after_reconsideration_judged")
def after_judged_records(org, period):
    return judged_records(org, period).filter(reconsideration__isnull=False)


@indicator("litigation.after_reconsideration_lost", uses=("litigation",), formula="经复议后起诉、期间内裁判败诉的案件数",
           source="litigation")
def after_lost(f):
    return count(f["after_lost"])


records("litigation.after_reconsideration_lost")(after_lost_records)


@indicator("reconsideration.sued", uses=("litigation",), formula="期间内审结的复议案件中又提起行政诉讼的件数",
           source="reconsideration+litigation")
def recon_sued(f):
    return count(f["recon_sued"])


records("reconsideration.sued")(sued_after_records)


@indicator("reconsideration.settled", uses=("litigation",), formula="期间内审结的复议案件中未再提起行政诉讼的件数",
           source="reconsideration+litigation")
def recon_settled(f):
    return count(f["recon_concluded"] - f["recon_sued"])


records("reconsideration.settled")(settled_records)
