"""Seeded case data for the demo and the benchmarks: 行政复议 and 行政应诉 cases over the last two full years
and the current year to date, with the volumes and mix of real annual reports (shared/seeds/).

One planner, two writers:

* `Planner` turns a seed into a stream of case *plans* in date order: who applied against which unit, the act,
  and every step the case went through (补正, 受理, 答复, 听取意见, 中止, 延期, 决定, 结案; for suits 答辩, 开庭,
  裁判, 上诉, 结案) with its date. Steps dated after today are cut off, so recent cases are still open, and
  cases that were planned to run late are overdue today. Only `random.Random(seed)` decides anything, so the
  same seed gives the same cases.
* `ServiceWriter` (demo scale) replays each plan through the real services
  (fazhi.reconsideration.services / fazhi.litigation.services), so timelines, events, history rows and derived
  deadlines are exactly what the pages would have produced; history rows and creation times are dated on the
  step's day rather than today.
* `BulkWriter` (bench scale: 100k–1M cases) folds the same steps into rows and writes them with `bulk_create`
  in batches. Derived fields are computed by the same code the services use
  (`reconsideration.services.recompute_deadlines`, `litigation.rules`); timeline events are written too.
  **History rows (django-simple-history) are not written at bench scale**: they double the row count and no
  measured path reads them.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import heapq
import itertools
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from fazhi.core import numbering
from fazhi.core.choices import OrgKind, Role
from fazhi.core.demoplan import GIVEN_NAMES, SURNAME_CUM_WEIGHTS, SURNAMES, DemoContext, sim_time
from fazhi.core.models import Membership, Org
from fazhi.law.choices import ActType
from fazhi.litigation import rules as lit_rules
from fazhi.litigation import services as lit_services
from fazhi.litigation.choices import Appearance, Instance, Result
from fazhi.litigation.choices import Status as LitStatus
from fazhi.litigation.models import CourtHearing, LitigationCase, LitigationEvent
from fazhi.reconsideration import rules as recon_rules
from fazhi.reconsideration import services as recon_services
from fazhi.reconsideration.choices import (
    OPEN_STATUSES,
    ApplicantKind,
    Decision,
    HearingKind,
    Procedure,
    Status,
    TerminationReason,
)
from fazhi.reconsideration.models import Applicant, CaseEvent, Hearing, ReconsiderationCase, Suspension

from . import city

# ---------------------------------------------------------------------------------------------------------
# Volumes at --scale 1, per year, for the whole city (city government + counties). The seeds report 206–993
# 复议 applications a year for a prefecture, 纠错率 15.8%, 调解和解率 22.8%, 案结事了率 86.1%; 324 first-instance
# suits, 负责人出庭应诉率 95.5%–100%.

RECON_PER_YEAR = 300
LIT_DIRECT_PER_YEAR = 140  # first-instance suits not preceded by a 复议 case
# Year-on-year: 复议 has grown since the 2023 revision (主渠道); suits have slightly declined.
RECON_TREND = (0.85, 1.0, 1.12)
LIT_TREND = (0.95, 1.0, 0.92)
# Applications arrive mostly on working days (online ones also on rest days); court papers only on working days.
REST_DAY_FACTOR_RECON = 0.12
REST_DAY_FACTOR_LIT = 0.02

# 执法领域 of the contested acts (公安 and 自然资源 lead in every seed report).
FIELD_WEIGHTS = {
    "public_security": 28,
    "natural_resources": 18,
    "market": 10,
    "hrss": 10,
    "housing": 8,
    "urban": 7,
    "transport": 6,
    "ecology": 4,
    "agriculture": 3,
    "health": 2,
    "other": 4,
}

A = ActType
ACT_TYPES = {
    "public_security": {A.PENALTY: 85, A.COERCION: 5, A.INACTION: 5, A.DISCLOSURE: 3, A.OTHER: 2},
    "natural_resources": {
        A.PENALTY: 35,
        A.CONFIRMATION: 25,
        A.INACTION: 12,
        A.LICENSE: 8,
        A.DISCLOSURE: 8,
        A.EXPROPRIATION: 7,
        A.OTHER: 5,
    },
    "market": {A.PENALTY: 60, A.INACTION: 25, A.LICENSE: 5, A.DISCLOSURE: 5, A.OTHER: 5},
    "hrss": {A.CONFIRMATION: 60, A.INACTION: 15, A.PENALTY: 10, A.DISCLOSURE: 10, A.OTHER: 5},
    "ecology": {A.PENALTY: 75, A.COERCION: 10, A.DISCLOSURE: 10, A.INACTION: 5},
    "housing": {
        A.PENALTY: 25,
        A.INACTION: 20,
        A.LICENSE: 15,
        A.DISCLOSURE: 15,
        A.CONFIRMATION: 10,
        A.AGREEMENT: 5,
        A.OTHER: 10,
    },
    "transport": {A.PENALTY: 85, A.COERCION: 10, A.OTHER: 5},
    "urban": {A.PENALTY: 50, A.COERCION: 40, A.OTHER: 10},
    "health": {A.PENALTY: 60, A.LICENSE: 15, A.INACTION: 15, A.DISCLOSURE: 10},
    "agriculture": {A.PENALTY: 60, A.CONFIRMATION: 15, A.INACTION: 15, A.OTHER: 10},
    "other": {A.DISCLOSURE: 45, A.EXPROPRIATION: 20, A.INACTION: 15, A.AGREEMENT: 10, A.OTHER: 10},
}
# Suits lean further towards 征收, 不履行职责 and 行政协议 than 复议 applications do.
LIT_FIELD_WEIGHTS = dict(FIELD_WEIGHTS, natural_resources=24, housing=10, other=10, public_security=20)

COMPANY_SHARE = {
    "market": 0.55,
    "ecology": 0.6,
    "transport": 0.3,
    "housing": 0.35,
    "natural_resources": 0.25,
    "public_security": 0.05,
    "hrss": 0.35,
    "health": 0.3,
    "agriculture": 0.3,
    "urban": 0.2,
    "other": 0.15,
}

CHANNEL_WEIGHTS = {"in_person": 45, "online": 30, "mail": 20, "forwarded": 5}

# 复议决定 mix among decided cases: ~15% corrected, ~17% mediated or settled, the rest upheld/dismissed.
CORRECTED_SHARE = 0.15
MEDIATION_SHARE = 0.07  # 调解书 (第七十三条)
SETTLED_SHARE = 0.10  # 和解后撤回 → 终止 (第七十四条)
WITHDRAWN_SHARE = 0.05
OTHER_TERMINATION_SHARE = 0.005
DISMISS_APPLICATION_SHARE = 0.04

FIRM_NAMES = "鑫达 恒泰 宏远 金鼎 华盛 永兴 瑞丰 德鑫 顺发 佳禾 隆昌 盛源 汇通 博远 天成 福源 嘉诚 荣昌 兴业 振华 安泰 新阳 中澜 川宇 丰润 同益 鸿运 金岭 绿源 利民".split()
INDUSTRIES = {
    "market": ["食品", "商贸", "药业", "餐饮管理", "电子商务", "农副产品"],
    "ecology": ["化工", "建材", "矿业", "环保科技", "石材加工", "养殖"],
    "transport": ["物流", "运输", "汽车服务", "客运"],
    "housing": ["房地产开发", "建筑工程", "物业服务", "装饰工程"],
    "natural_resources": ["矿业", "砂石", "房地产开发", "农业开发"],
    "hrss": ["建筑劳务", "机械制造", "服装", "商贸", "物业服务"],
    "health": ["医药", "诊所管理", "医疗器械", "美容"],
    "agriculture": ["农业科技", "农牧", "种业", "农资"],
    "urban": ["广告", "餐饮管理", "商贸", "建筑工程"],
    "public_security": ["娱乐", "旅馆", "物流", "商贸"],
    "other": ["房地产开发", "投资", "商贸", "农业开发"],
}
SHOPS = "副食店 家常菜馆 五金店 小吃店 超市 理发店 建材经营部 农资店 诊所 烟酒店".split()
LAW_FIRMS = "正衡 明德 澜江 同心 金诚 信达 守正 天平 中和 博衡".split()

PENALTIES = {
    "public_security": [
        ("对{who}作出的行政拘留{days}日的行政处罚决定", False),
        ("对{who}作出的罚款{small}元的行政处罚决定", True),
        ("对{who}作出的警告的行政处罚决定", True),
        ("对{who}作出的行政拘留{days}日并处罚款{small}元的行政处罚决定", False),
        ("对{who}驾驶机动车违反道路交通信号灯通行作出的罚款200元、记6分的行政处罚决定", True),
    ],
    "natural_resources": [
        ("对{who}非法占用土地作出的责令退还土地、没收地上建筑物并处罚款{big}元的行政处罚决定", False),
        ("对{who}未取得采矿许可证擅自采矿作出的没收违法所得并处罚款{big}元的行政处罚决定", False),
    ],
    "market": [
        ("对{who}销售不符合食品安全标准的食品作出的没收违法所得并处罚款{big}元的行政处罚决定", False),
        ("对{who}发布虚假广告作出的罚款{big}元的行政处罚决定", False),
        ("对{who}未明码标价作出的罚款{small}元的行政处罚决定", True),
    ],
    "hrss": [("对{who}拒不支付劳动报酬作出的罚款{big}元的劳动保障监察行政处罚决定", False)],
    "ecology": [
        ("对{who}超标排放大气污染物作出的罚款{big}元的行政处罚决定", False),
        ("对{who}未批先建作出的责令停止建设并处罚款{big}元的行政处罚决定", False),
    ],
    "housing": [
        ("对{who}未取得施工许可证擅自施工作出的罚款{big}元的行政处罚决定", False),
        ("对{who}违反物业管理规定作出的罚款{small}元的行政处罚决定", True),
    ],
    "transport": [
        ("对{who}未取得道路运输经营许可擅自从事经营作出的罚款{big}元的行政处罚决定", False),
        ("对{who}车辆超限运输作出的罚款{small}元的行政处罚决定", True),
    ],
    "urban": [
        ("对{who}违法建设作出的责令限期拆除的行政处罚决定", False),
        ("对{who}占道经营作出的罚款{small}元的行政处罚决定", True),
    ],
    "health": [
        ("对{who}未取得医疗机构执业许可证擅自执业作出的罚款{big}元的行政处罚决定", False),
        ("对{who}违反公共场所卫生管理规定作出的罚款{small}元的行政处罚决定", True),
    ],
    "agriculture": [
        ("对{who}经营假农药作出的没收违法所得并处罚款{big}元的行政处罚决定", False),
        ("对{who}在禁渔期违法捕捞作出的罚款{small}元的行政处罚决定", True),
    ],
    "other": [("对{who}作出的罚款{big}元的行政处罚决定", False)],
}
LICENSES = {
    "natural_resources": "采矿许可证",
    "market": "食品经营许可证",
    "housing": "建设工程规划许可证",
    "health": "医疗机构执业许可证",
    "transport": "道路运输经营许可证",
    "ecology": "排污许可证",
    "agriculture": "农药经营许可证",
    "other": "建设项目选址意见书",
    "public_security": "典当业特种行业许可证",
    "hrss": "劳务派遣经营许可证",
    "urban": "户外广告设置许可",
}
INACTION_MATTERS = {
    "public_security": "其被他人殴打的报案",
    "market": "其举报的虚假宣传行为",
    "hrss": "其拖欠工资的投诉",
    "natural_resources": "其举报的非法占地行为",
    "ecology": "其投诉的噪声污染",
    "urban": "其举报的违法建设",
    "housing": "其投诉的物业服务企业违规行为",
    "health": "其举报的非法行医行为",
    "agriculture": "其举报的农资质量问题",
    "transport": "其投诉的出租车拒载行为",
    "other": "其提出的履职申请",
}
# 行政确认 contested by the person concerned, or by a company (e.g. an employer contesting 认定工伤).
CONFIRMATIONS = {
    "hrss": ["对{who}的工伤认定申请作出的不予认定工伤决定", "对{who}的视同工伤认定申请作出的不予认定决定"],
    "natural_resources": [
        "将涉案宅基地登记于他人名下的不动产登记行为",
        "对{who}名下房屋办理的不动产抵押登记行为",
    ],
    "agriculture": ["对{who}承包地作出的土地承包经营权确权登记行为"],
    "housing": ["对{who}所购房屋作出的商品房预售合同备案行为"],
}
ORG_CONFIRMATIONS = {
    "hrss": ["就{who}职工{worker}受伤事故作出的认定工伤决定"],
    "natural_resources": ["对{who}名下国有建设用地使用权办理的注销登记行为"],
    "agriculture": ["对{who}流转土地作出的土地经营权登记行为"],
    "housing": ["对{who}开发项目作出的竣工验收备案行为"],
}
REJECT_REASONS = [
    "申请超过法定申请期限且无正当理由（复议法第二十条）",
    "申请事项不属于行政复议范围（复议法第十二条）",
    "申请人与被申请复议的行政行为没有利害关系（复议法第三十条第一款第二项）",
    "申请人已就同一行政行为向人民法院提起行政诉讼，人民法院已经依法受理（复议法第三十条第一款第六项）",
]
CORRECTION_ITEMS = [
    "申请人身份证明材料；被申请复议的行政行为的决定书复印件",
    "明确具体的行政复议请求；主要事实和理由",
    "授权委托书及代理人身份证明",
    "申请人与被申请复议的行政行为存在利害关系的证明材料",
]
SUSPEND_REASONS = [
    "案件涉及法律适用问题，需要有权机关作出解释或者确认（复议法第三十九条第一款第九项）",
    "案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结（复议法第三十九条第一款第十项）",
    "申请人因不可抗力不能参加行政复议（复议法第三十九条第一款第七项）",
    "作为申请人的公民下落不明（复议法第三十九条第一款第五项）",
]
DECISION_NOTES = {
    Decision.REVOKE: [
        "被申请人认定事实不清、证据不足，撤销原行政行为",
        "原行政行为违反法定程序，予以撤销并责令重新作出",
    ],
    Decision.ALTER: ["原行政处罚明显不当，变更罚款数额", "原行政行为适用依据错误，予以变更"],
    Decision.CONFIRM_ILLEGAL: [
        "原行政行为程序轻微违法，但对申请人权利不产生实际影响，确认违法",
        "被申请人未在法定期限内履行职责，履行已无实际意义，确认违法",
    ],
    Decision.ORDER_PERFORMANCE: ["责令被申请人在法定期限内履行法定职责"],
    Decision.CONFIRM_INVALID: ["原行政行为实施主体不具有行政主体资格，确认无效"],
    Decision.UPHOLD: ["原行政行为认定事实清楚、证据确凿、适用依据正确、程序合法、内容适当，予以维持"],
    Decision.DISMISS_CLAIM: [
        "被申请人已依法履行法定职责，驳回申请人的行政复议请求",
        "申请人的复议请求缺乏事实和法律依据，予以驳回",
    ],
    Decision.DISMISS_APPLICATION: ["受理后发现申请不符合受理条件，驳回行政复议申请"],
    Decision.MEDIATION: ["经调解，双方自愿达成调解协议，制作行政复议调解书"],
    Decision.TERMINATE: ["行政复议终止"],
}
ABSENCE_REASONS = [
    "负责人因公出差，无法出庭（法释〔2020〕3号第八条）",
    "负责人因病不能出庭（法释〔2020〕3号第八条）",
    "出庭时间与重要公务冲突，已书面说明（法释〔2020〕3号第八条）",
]


# ---------------------------------------------------------------------------------------------------------
# The world the plans refer to, read from the database once.


@dataclass
class World:
    root: Org
    reviewing: list[Org]  # 复议机关: the city and county governments
    weight: dict[int, float]
    units: dict[tuple[int, str], Org]  # (jurisdiction id, unit key) -> unit
    lower_govs: dict[int, list[Org]]  # 复议机关 id -> governments whose acts it reviews (第二十四条)
    township_units: dict[int, list[Org]]  # county id -> units of its townships
    jurisdiction_of: dict[int, Org]
    # 复议机关 id -> the user who handles its 复议 cases (reviewer, else office, else admin)
    caseworker: dict[int, object]
    office: dict[int, object]  # 复议机关 id -> the user who tracks its suits (法治办)
    clerk: dict[int, object]  # unit id -> its department clerk
    # "high" / "intermediate" / county code -> (court name, its code in case numbers)
    courts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root_code: str = city.CITY.code) -> World:
        root = Org.objects.get(code=root_code)
        orgs = list(root.subtree().order_by("path"))
        by_id = {o.id: o for o in orgs}
        weights = {p.code: p.weight for p in [city.CITY, *city.COUNTIES]}
        reviewing = [o for o in orgs if o.kind in (OrgKind.CITY, OrgKind.COUNTY, OrgKind.PROVINCE)]
        jurisdiction_of: dict[int, Org] = {}
        for o in orgs:
            node = o
            while node.kind == OrgKind.UNIT and node.parent_id in by_id:
                node = by_id[node.parent_id]
            jurisdiction_of[o.id] = node
        units: dict[tuple[int, str], Org] = {}
        township_units: dict[int, list[Org]] = defaultdict(list)
        lower: dict[int, list[Org]] = defaultdict(list)
        for o in orgs:
            parent = by_id.get(o.parent_id)
            if o.kind == OrgKind.UNIT and parent is not None:
                key = o.code.rsplit("-", 1)[-1]
                units[(parent.id, key)] = o
                if parent.kind == OrgKind.TOWNSHIP:
                    township_units[parent.parent_id].append(o)
            elif o.kind != OrgKind.UNIT and parent is not None:
                lower[parent.id].append(o)
        clerk: dict[int, object] = {}
        members = list(
            Membership.objects.filter(org__in=orgs, user__is_active=True)
            .select_related("user")
            .order_by("user__username")
        )
        for m in members:
            if m.role_id == Role.CLERK:
                clerk.setdefault(m.org_id, m.user)
        fallback = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("id").first()

        def workers(rank: dict[str, int]) -> dict[int, object]:
            """Per 复议机关, its best-ranked member, or the nearest one above it, or the superuser."""
            best: dict[int, tuple[int, object]] = {}
            for m in members:
                if m.role_id in rank and (m.org_id not in best or rank[m.role_id] < best[m.org_id][0]):
                    best[m.org_id] = (rank[m.role_id], m.user)
            out = {}
            for j in reviewing:
                node, user = j, None
                while node is not None and user is None:
                    user = best.get(node.id, (0, None))[1]
                    node = by_id.get(node.parent_id)
                out[j.id] = user or fallback
            return out

        caseworker = workers({Role.REVIEWER: 0, Role.OFFICE: 1, Role.ADMIN: 2})  # 复议 cases
        office = workers({Role.OFFICE: 0, Role.REVIEWER: 1, Role.ADMIN: 2})  # 应诉 cases
        world = cls(
            root=root,
            reviewing=reviewing,
            weight={j.id: weights.get(j.code, 0.5) for j in reviewing},
            units=units,
            lower_govs=dict(lower),
            township_units=dict(township_units),
            jurisdiction_of=jurisdiction_of,
            caseworker=caseworker,
            office=office,
            clerk=clerk,
        )
        world._courts()
        return world

    def _courts(self) -> None:
        cc = city.COURT_CODE
        self.courts["high"] = (f"{city.PROVINCE_NAME}高级人民法院", cc)
        self.courts["intermediate"] = (f"{self.root.name}中级人民法院", f"{cc}01")
        for j in self.reviewing:
            if j.kind == OrgKind.COUNTY:
                self.courts[j.code] = (f"{j.name}人民法院", f"{cc}01{j.code[-2:]}")

    def counties(self) -> list[Org]:
        return [j for j in self.reviewing if j.kind == OrgKind.COUNTY]

    def reviewing_for(self, org: Org) -> Org:
        """The 复议机关 whose caseworker acts for `org` (a township's acts go to its county)."""
        j = self.jurisdiction_of[org.id]
        while j.kind == OrgKind.TOWNSHIP:
            j = next(r for r in self.reviewing if r.id == j.parent_id)
        return j


# ---------------------------------------------------------------------------------------------------------
# Plans


@dataclass
class Step:
    on: dt.date
    action: str
    kw: dict


@dataclass
class ReconPlan:
    org: Org
    respondent: Org
    received_on: dt.date
    applicants: list[dict]
    act_type: str
    act_field: str
    act_description: str
    channel: str
    procedure: str
    steps: list[Step]
    # set by the writer
    case_id: int | None = None
    number: str = ""
    case: ReconsiderationCase | None = None

    @property
    def applicant_summary(self) -> str:
        return "、".join(a["name"] for a in self.applicants)[:200]


@dataclass
class LitPlan:
    defendant: Org
    court: str
    court_code: str
    stage: str
    plaintiff: str
    act_type: str
    act_description: str
    complaint_received_on: dt.date
    steps: list[Step]
    recon: ReconPlan | None = None
    case_number: str = ""
    case_id: int | None = None


_CUM: dict[int, tuple[list, list[float], dict]] = {}


def _pick(r: random.Random, weights: dict):
    """A weighted choice; the cumulative weights of each (module-level) table are computed once."""
    cached = _CUM.get(id(weights))
    if cached is None or cached[2] is not weights:
        keys = list(weights)
        cached = (keys, list(itertools.accumulate(weights[k] for k in keys)), weights)
        _CUM[id(weights)] = cached
    return r.choices(cached[0], cum_weights=cached[1])[0]


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _poisson(r: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(r.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, r.random()
    while p > limit:
        k += 1
        p *= r.random()
    return k


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_number(r: random.Random, area: str) -> str:
    """A resident ID number (GB 11643) in a fictional 99xxxx area, with a valid check digit."""
    born = dt.date(1950, 1, 1) + _days(r.randrange(0, 365 * 52))
    body = f"{area}{born:%Y%m%d}{r.randrange(1000):03d}"
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
    return body + check


def credit_code(r: random.Random, area: str) -> str:
    """A 统一社会信用代码 (GB 32100) for a company registered in a fictional 99xxxx area."""
    body = "91" + area + "".join(r.choice(_USCC_CHARS) for _ in range(9))
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


class Planner:
    """Turns (world, seed, scale, today) into date-ordered ReconPlan / LitPlan objects."""

    def __init__(self, world: World, *, seed: int = 1, scale: float = 1.0, today: dt.date | None = None):
        self.w = world
        self.r = random.Random(seed)  # noqa: S311 - reproducible demo data from a seed, not a secret
        self.scale = scale
        self.today = today or timezone.localdate()
        self.start = dt.date(self.today.year - 2, 1, 1)
        self._heap: list[tuple[dt.date, int, LitPlan]] = []
        self._tie = itertools.count()
        self._court_seq: Counter = Counter()
        self._leaders: dict[int, tuple[str, list[str]]] = {}

    # -- names ----------------------------------------------------------------------------------------
    def person(self) -> str:
        return self.r.choices(SURNAMES, cum_weights=SURNAME_CUM_WEIGHTS)[0] + self.r.choice(GIVEN_NAMES)

    def applicants(self, respondent: Org, fld: str) -> list[dict]:
        r = self.r
        home = self.w.reviewing_for(respondent)
        place, area = home.name, home.code
        if area == self.w.root.code:
            area = r.choice([c.code for c in self.w.counties()] or [area])
        u = r.random()
        company = COMPANY_SHARE.get(fld, 0.2)
        if u < company:
            name = f"{place}{r.choice(FIRM_NAMES)}{r.choice(INDUSTRIES[fld])}有限公司"
            return [
                {
                    "kind": ApplicantKind.LEGAL,
                    "name": name,
                    "id_number": credit_code(r, area),
                    "representative": self._lawyer() if r.random() < 0.6 else "",
                }
            ]
        if u < company + 0.05:
            if r.random() < 0.5:
                name = f"{place}{r.choice(GIVEN_NAMES)}{r.choice(SHOPS)}"
            else:
                name = f"{place}{r.choice('石桥 柳林 河湾 新庄 东坡 王家 李家 上营 下营 红星'.split())}村村民委员会"
            return [
                {
                    "kind": ApplicantKind.OTHER_ORG,
                    "name": name,
                    "representative": self._lawyer() if r.random() < 0.4 else "",
                }
            ]
        n = 1 if r.random() < 0.95 else r.randint(2, 5)
        out = []
        for _ in range(n):
            out.append(
                {
                    "kind": ApplicantKind.PERSON,
                    "name": self.person(),
                    "id_number": id_number(r, area),
                    "representative": self._lawyer() if r.random() < 0.3 else "",
                }
            )
        return out

    def _lawyer(self) -> str:
        return f"{self.person()}（{self.w.root.name[:2]}{self.r.choice(LAW_FIRMS)}律师事务所律师）"

    def describe(self, fld: str, act_type: str, who: str, *, person: bool = True) -> tuple[str, bool]:
        """(the contested act in words, whether the simplified procedure fits it: 复议法 第五十三条)."""
        r = self.r
        if act_type == ActType.PENALTY:
            text, small = r.choice(PENALTIES.get(fld, PENALTIES["other"]))
            return text.format(
                who=who,
                days=r.choice([3, 5, 7, 10, 10, 15]),
                small=r.choice([200, 500, 500, 1000, 2000, 3000]),
                big=r.choice([5000, 10000, 20000, 30000, 50000, 100000, 200000]),
            ), small
        if act_type == ActType.LICENSE:
            return f"对{who}的《{LICENSES.get(fld, '行政许可')}》申请作出的不予许可决定", False
        if act_type == ActType.COERCION:
            text = {
                "public_security": "扣押{who}涉案财物的行政强制措施",
                "transport": "扣押{who}营运车辆的行政强制措施",
                "urban": "对{who}的违法建筑实施的强制拆除行为",
                "ecology": "查封{who}生产设施设备的行政强制措施",
            }.get(fld, "对{who}的财物采取的查封、扣押行政强制措施")
            return text.format(who=who), False
        if act_type == ActType.EXPROPRIATION:
            return r.choice(
                [
                    f"对{who}所有房屋作出的国有土地上房屋征收补偿决定",
                    f"涉及{who}承包地的集体土地征收补偿安置行为",
                    f"对{who}作出的征收土地补偿安置决定",
                ]
            ), False
        if act_type == ActType.CONFIRMATION:
            table = CONFIRMATIONS if person else ORG_CONFIRMATIONS
            text = r.choice(table.get(fld, ["对{who}作出的行政确认行为"]))
            return text.format(who=who, worker=self.person() if "{worker}" in text else ""), False
        if act_type == ActType.INACTION:
            matter = (
                INACTION_MATTERS.get(fld, "其申请事项")
                if person or fld != "public_security"
                else "其报案的财物被盗案件"
            )
            return f"未依{who}申请履行查处{matter}的法定职责", False
        if act_type == ActType.DISCLOSURE:
            reply = r.choice(["告知不予公开", "告知信息不存在", "告知非本机关负责公开", "逾期未答复"])
            return f"对{who}政府信息公开申请作出的答复（{reply}）", True
        if act_type == ActType.AGREEMENT:
            deal = r.choice(
                ["国有土地使用权出让合同", "房屋征收补偿安置协议", "招商引资协议", "特许经营协议"]
            )
            return f"解除与{who}签订的《{deal}》的行为", False
        return r.choice(
            [
                f"对{who}作出的责令限期改正通知",
                f"对{who}作出的林地权属争议处理决定",
                f"对{who}作出的不予行政奖励决定",
            ]
        ), False

    # -- volumes --------------------------------------------------------------------------------------
    def _day_factors(self) -> tuple[dict[dt.date, bool], dict[int, tuple[float, float]]]:
        from fazhi.law.calendar import WorkCalendar

        cal = WorkCalendar()
        workday: dict[dt.date, bool] = {}
        totals: dict[int, tuple[float, float]] = {}
        for year in range(self.start.year, self.today.year + 1):
            d, tr, tl = dt.date(year, 1, 1), 0.0, 0.0
            while d.year == year:
                wd = cal.is_workday(d)
                workday[d] = wd
                tr += 1.0 if wd else REST_DAY_FACTOR_RECON
                tl += 1.0 if wd else REST_DAY_FACTOR_LIT
                d += _days(1)
            totals[year] = (tr, tl)
        return workday, totals

    def plans(self) -> Iterator[ReconPlan | LitPlan]:
        workday, totals = self._day_factors()
        total_weight = sum(self.w.weight.values()) or 1.0
        d = self.start
        while d <= self.today:
            while self._heap and self._heap[0][0] <= d:
                yield self._emit(heapq.heappop(self._heap)[2])
            yi = d.year - self.start.year
            tr, tl = totals[d.year]
            fr = 1.0 if workday[d] else REST_DAY_FACTOR_RECON
            fl = 1.0 if workday[d] else REST_DAY_FACTOR_LIT
            for j in self.w.reviewing:
                share = self.w.weight[j.id] / total_weight
                for _ in range(
                    _poisson(self.r, self.scale * RECON_PER_YEAR * RECON_TREND[yi] * share * fr / tr)
                ):
                    yield self.recon(j, d)
                for _ in range(
                    _poisson(self.r, self.scale * LIT_DIRECT_PER_YEAR * LIT_TREND[yi] * share * fl / tl)
                ):
                    self._schedule(self.lit_direct(j, d))
            while self._heap and self._heap[0][0] <= d:
                yield self._emit(heapq.heappop(self._heap)[2])
            d += _days(1)

    def _schedule(self, plan: LitPlan) -> None:
        if plan.complaint_received_on <= self.today:
            heapq.heappush(self._heap, (plan.complaint_received_on, next(self._tie), plan))

    def _emit(self, plan: LitPlan) -> LitPlan:
        """Number the suit when the court's papers arrive, so numbers grow with dates."""
        year = plan.complaint_received_on.year
        kind = "初" if plan.stage == Instance.FIRST else "终"
        key = (plan.court_code, year, kind)
        # Courts number all their administrative cases; ours are a share of them.
        self._court_seq[key] += self.r.randint(1, 4)
        plan.case_number = f"（{year}）{plan.court_code}行{kind}{self._court_seq[key]}号"
        return plan

    # -- 行政复议 ---------------------------------------------------------------------------------------
    def respondent(self, j: Org, fld: str) -> tuple[Org, str]:
        r = self.r
        lower = self.w.lower_govs.get(j.id, [])
        if j.kind == OrgKind.COUNTY and self.w.township_units.get(j.id) and r.random() < 0.08:
            # acts of a township government or its 综合执法队 (复议法 第二十四条第一款第一项)
            if r.random() < 0.5:
                return r.choice([g for g in lower if g.kind == OrgKind.TOWNSHIP]), "other"
            unit = r.choice(self.w.township_units[j.id])
            return unit, ("urban" if unit.code.endswith("enforcement") else "other")
        if j.kind == OrgKind.CITY and lower and fld in ("other", "natural_resources") and r.random() < 0.5:
            return r.choice(lower), "other"  # acts of a county government itself
        key = "gov_office" if fld == "other" else fld
        return self.w.units[(j.id, key)], fld

    def decision(self, act_type: str) -> tuple[str, str]:
        r = self.r
        u = r.random()
        inaction = act_type == ActType.INACTION
        if u < CORRECTED_SHARE:
            if inaction:
                return (Decision.ORDER_PERFORMANCE if r.random() < 0.6 else Decision.CONFIRM_ILLEGAL), ""
            return _pick(
                r,
                {
                    Decision.REVOKE: 45,
                    Decision.CONFIRM_ILLEGAL: 30,
                    Decision.ALTER: 15,
                    Decision.ORDER_PERFORMANCE: 7,
                    Decision.CONFIRM_INVALID: 3,
                },
            ), ""
        u -= CORRECTED_SHARE
        if u < MEDIATION_SHARE:
            return Decision.MEDIATION, ""
        u -= MEDIATION_SHARE
        if u < SETTLED_SHARE:
            return Decision.TERMINATE, TerminationReason.SETTLED_WITHDRAWN
        u -= SETTLED_SHARE
        if u < WITHDRAWN_SHARE:
            return Decision.TERMINATE, TerminationReason.WITHDRAWN
        u -= WITHDRAWN_SHARE
        if u < OTHER_TERMINATION_SHARE:
            return Decision.TERMINATE, r.choice([TerminationReason.NO_SUCCESSOR, TerminationReason.CRIMINAL])
        u -= OTHER_TERMINATION_SHARE
        if u < DISMISS_APPLICATION_SHARE:
            return Decision.DISMISS_APPLICATION, ""
        if inaction or r.random() < 0.2:
            return Decision.DISMISS_CLAIM, ""
        return Decision.UPHOLD, ""

    def recon(self, j: Org, day: dt.date) -> ReconPlan:
        r = self.r
        fld = _pick(r, FIELD_WEIGHTS)
        respondent, fld = self.respondent(j, fld)
        act_type = _pick(r, ACT_TYPES[fld])
        applicants = self.applicants(respondent, fld)
        first = applicants[0]
        text, small = self.describe(
            fld, act_type, first["name"], person=first["kind"] == ApplicantKind.PERSON
        )
        simplified = small and r.random() < 0.45
        plan = ReconPlan(
            org=j,
            respondent=respondent,
            received_on=day,
            applicants=applicants,
            act_type=act_type,
            act_field=fld,
            act_description=text[:300],
            channel=_pick(r, CHANNEL_WEIGHTS),
            procedure=Procedure.SIMPLIFIED if simplified else Procedure.ORDINARY,
            steps=[],
        )
        steps = plan.steps
        # A year-end backlog: more of the recent cases run late (some without the extension that would have
        # covered them), so the dashboard has overdue work to show.
        recent = (self.today - day).days < 150
        t = day
        if r.random() < 0.10:  # 补正 (第三十一条)
            notice = day + _days(r.randint(1, 5))
            steps.append(
                Step(notice, "request_correction", {"notice_on": notice, "items": r.choice(CORRECTION_ITEMS)})
            )
            if r.random() < 0.2:
                # 逾期不补正 → 视为放弃; 30 days is past any 10-working-day period, 春节 included.
                steps.append(Step(notice + _days(30), "mark_abandoned", {"on": notice + _days(30)}))
                return plan
            t = notice + _days(r.randint(2, 12))
            steps.append(Step(t, "receive_correction", {"received_on": t}))
        if r.random() < 0.08:  # 不予受理 (第三十条第二款)
            rej = t + _days(r.randint(1, 6))
            steps.append(
                Step(rej, "reject_application", {"rejected_on": rej, "reason": r.choice(REJECT_REASONS)})
            )
            if r.random() < 0.2:
                self._sue_after(plan, rej, defendant=j)
            return plan
        acc = t + _days(r.choice([1, 1, 2, 2, 3, 3, 4, 5, 6, 7]))
        steps.append(Step(acc, "accept_case", {"accepted_on": acc}))
        decision, reason = self.decision(act_type)
        early = decision == Decision.DISMISS_APPLICATION or (
            decision == Decision.TERMINATE and reason != TerminationReason.SETTLED_WITHDRAWN
        )
        copy = acc + _days(r.randint(1, 5))
        steps.append(Step(copy, "record_copy_served", {"received_on": copy}))
        if simplified:
            reply = copy + _days(r.randint(1, 7))
        else:
            reply = copy + _days(
                r.randint(3, 14) if r.random() > (0.10 if recent else 0.04) else r.randint(15, 30)
            )
        steps.append(Step(reply, "record_reply", {"replied_on": reply}))
        last = reply
        if not early or r.random() < 0.5:
            u = r.random()
            if (not simplified and u < 0.80) or (simplified and u < 0.30):
                last = reply + _days(r.randint(2, 15))
                kind = HearingKind.HEARING if (not simplified and r.random() < 0.06) else HearingKind.OPINION
                note = (
                    "被申请人负责人参加听证"
                    if kind == HearingKind.HEARING
                    else r.choice(["当面听取申请人意见", "电话听取申请人意见", "通过互联网听取当事人意见"])
                )
                steps.append(Step(last, "record_hearing", {"kind": kind, "held_on": last, "note": note}))
        procedure_ordinary = not simplified
        if simplified and r.random() < 0.08:  # 第五十五条
            last = last + _days(1)
            steps.append(Step(last, "convert_to_ordinary", {"on": last, "approver": self._leader(j)[0]}))
            procedure_ordinary = True
        paused = 0
        if procedure_ordinary and not early and r.random() < 0.04:  # 中止 (第三十九条)
            s0 = last + _days(r.randint(1, 10))
            s1 = s0 + _days(r.randint(15, 80))
            steps.append(Step(s0, "suspend_case", {"started_on": s0, "reason": r.choice(SUSPEND_REASONS)}))
            steps.append(Step(s1, "resume_case", {"resumed_on": s1}))
            paused = (s1 - s0).days + 1
            last = s1
        limit = (60 if procedure_ordinary else 30) + paused
        slow = r.random() < (0.15 if recent else 0.03)
        ext = 0
        if procedure_ordinary and not early and r.random() < (0.5 if slow else 0.10):  # 延期 (第六十二条)
            ext = r.choice([30, 30, 30, 20, 15])
            approve = max(acc + _days(r.randint(45, 57) + paused), last + _days(1))
            steps.append(
                Step(
                    approve,
                    "extend_case",
                    {"approved_on": approve, "days": ext, "approver": self._leader(j)[0]},
                )
            )
            last = approve
            limit += ext
        if early:
            decided = acc + _days(r.randint(8, 35))
        elif slow:
            decided = acc + _days(limit + (r.randint(10, 60) if recent else r.randint(3, 25)))
        else:
            decided = acc + _days(r.randint(int(limit * 0.45), limit - 2))
        decided = max(decided, last + _days(1))
        steps.append(
            Step(
                decided,
                "decide_case",
                {
                    "decision": decision,
                    "decided_on": decided,
                    "note": r.choice(DECISION_NOTES[decision]),
                    "termination_reason": reason,
                },
            )
        )
        closed = decided + _days(r.randint(1, 15))
        steps.append(Step(closed, "close_case", {"closed_on": closed}))
        # 经复议后起诉: 15 days after receiving the decision (行政诉讼法 第四十五条).
        sue = {Decision.UPHOLD: 0.16, Decision.DISMISS_CLAIM: 0.16, Decision.DISMISS_APPLICATION: 0.16}.get(
            decision, 0.08 if recon_rules.is_corrected(decision) else 0.01
        )
        if r.random() < sue:
            # 复议维持: the original organ (with the 复议机关); 复议改变: the 复议机关 (行政诉讼法 第二十六条).
            defendant = j if recon_rules.is_corrected(decision) else respondent
            self._sue_after(plan, decided, defendant=defendant)
        return plan

    def _sue_after(self, plan: ReconPlan, decided: dt.date, *, defendant: Org) -> None:
        complaint = decided + _days(self.r.randint(12, 40))
        lit = self.lit(
            defendant, plan.applicant_summary, plan.act_type, plan.act_description, complaint, recon=plan
        )
        self._schedule(lit)

    # -- 行政应诉 ---------------------------------------------------------------------------------------
    def _leader(self, org: Org) -> tuple[str, list[str]]:
        if org.id not in self._leaders:
            self._leaders[org.id] = (self.person(), [self.person(), self.person()])
        return self._leaders[org.id]

    @staticmethod
    def _titles(org: Org) -> tuple[str, str]:
        name = org.name
        if org.kind == OrgKind.CITY:
            return "市长", "副市长"
        if org.kind == OrgKind.COUNTY:
            return ("区长", "副区长") if name.endswith("区") else ("县长", "副县长")
        if org.kind == OrgKind.TOWNSHIP:
            if name.endswith("街道"):
                return "办事处主任", "办事处副主任"
            return ("镇长", "副镇长") if name.endswith("镇") else ("乡长", "副乡长")
        if name.endswith(("委员会", "办公室")):
            return "主任", "副主任"
        if name.endswith("队"):
            return "队长", "副队长"
        return "局长", "副局长"

    def court_for(self, defendant: Org, stage: str, first_court: str = "") -> tuple[str, str]:
        r = self.r
        if stage != Instance.FIRST:
            key = "high" if first_court == self.w.courts["intermediate"][0] else "intermediate"
            return self.w.courts[key]
        if defendant.kind in (OrgKind.CITY, OrgKind.COUNTY):
            return self.w.courts["intermediate"]  # 行政诉讼法 第十五条第一项
        counties = self.w.counties()
        home = self.w.reviewing_for(defendant)
        if home.kind != OrgKind.COUNTY:
            home = counties[0]  # the city's seat district hears suits against city departments
        if counties and r.random() < 0.35:  # 异地管辖 (跨行政区域集中管辖)
            home = r.choice(counties)
        return self.w.courts[home.code]

    def lit_direct(self, j: Org, day: dt.date) -> LitPlan:
        r = self.r
        fld = _pick(r, LIT_FIELD_WEIGHTS)
        respondent, fld = self.respondent(j, fld)
        if fld == "other" and j.kind in (OrgKind.CITY, OrgKind.COUNTY) and r.random() < 0.5:
            respondent = j  # the government itself (征收、信息公开)
        act_type = _pick(
            r,
            ACT_TYPES[fld]
            if fld != "public_security"
            else {A.PENALTY: 70, A.COERCION: 10, A.INACTION: 15, A.DISCLOSURE: 5},
        )
        plaintiffs = self.applicants(respondent, fld)
        plaintiff = "、".join(a["name"] for a in plaintiffs)[:200]
        first = plaintiffs[0]
        text, _ = self.describe(fld, act_type, first["name"], person=first["kind"] == ApplicantKind.PERSON)
        return self.lit(respondent, plaintiff, act_type, text[:300], day)

    def lit(
        self,
        defendant: Org,
        plaintiff: str,
        act_type: str,
        text: str,
        complaint: dt.date,
        *,
        recon: ReconPlan | None = None,
        stage: str = Instance.FIRST,
        first_court: str = "",
    ) -> LitPlan:
        r = self.r
        court, code = self.court_for(defendant, stage, first_court)
        plan = LitPlan(
            defendant=defendant,
            court=court,
            court_code=code,
            stage=stage,
            plaintiff=plaintiff,
            act_type=act_type,
            act_description=text,
            complaint_received_on=complaint,
            steps=[],
            recon=recon,
        )
        steps = plan.steps
        # 行政诉讼法 第六十七条: 答辩 within 15 days; offices file near the end of the period, a few late
        # (more of the recent ones: the same year-end backlog as in 复议).
        late = self.r.random() < (0.10 if (self.today - complaint).days < 60 else 0.03)
        answered = complaint + _days(r.randint(16, 25) if late else r.randint(7, 14))
        steps.append(Step(answered, "record_answer", {"answered_on": answered}))
        if stage == Instance.FIRST:
            u = r.random()
            if u < 0.08:
                result = _pick(
                    r,
                    {
                        Result.REVOKE: 40,
                        Result.CONFIRM_ILLEGAL: 40,
                        Result.ORDER_PERFORMANCE: 15,
                        Result.ALTER: 3,
                        Result.CONFIRM_INVALID: 2,
                    },
                )
            else:
                result = _pick(
                    r,
                    {
                        Result.DISMISS_CLAIM: 58,
                        Result.DISMISS_SUIT: 18,
                        Result.WITHDRAWN: 20,
                        Result.MEDIATED: 4,
                    },
                )
            hearing = not (
                (result == Result.WITHDRAWN and r.random() < 0.6)
                or (result == Result.DISMISS_SUIT and r.random() < 0.5)
            )
        else:
            result = _pick(r, {Result.UPHOLD_APPEAL: 88, Result.REVERSED_APPEAL: 7, Result.WITHDRAWN: 5})
            hearing = r.random() < 0.45  # 二审 often 不开庭 (第八十六条)
        last = answered
        if hearing:
            for i in range(1 if r.random() > 0.08 else 2):
                last = last + _days(r.randint(20, 90) if i == 0 else r.randint(20, 60))
                steps.append(Step(last, "record_hearing", {"held_on": last, **self._appearance(defendant)}))
        judged = last + _days(r.randint(7, 60))
        steps.append(Step(judged, "record_judgment", {"result": result, "judged_on": judged}))
        lost = lit_rules.is_loss(result)
        appeal = stage == Instance.FIRST and r.random() < (
            0.4 if lost else 0.35 if result in (Result.DISMISS_CLAIM, Result.DISMISS_SUIT) else 0
        )
        if appeal:
            appealed = judged + _days(r.randint(5, 14))
            steps.append(Step(appealed, "record_appeal", {"appealed_on": appealed}))
            done = appealed + _days(r.randint(60, 150))
            if not lost and r.random() < 0.7:
                # The plaintiff appeals; the office tracks the 二审 as its own record.
                second = self.lit(
                    defendant,
                    plaintiff,
                    act_type,
                    text,
                    appealed + _days(r.randint(7, 30)),
                    recon=recon,
                    stage=Instance.SECOND,
                    first_court=court,
                )
                self._schedule(second)
                done = max(st.on for st in second.steps)
            closed = done + _days(r.randint(3, 20))
        else:
            closed = judged + _days(r.randint(16, 35))  # after the 15-day appeal period
        steps.append(Step(closed, "close_case", {"closed_on": closed}))
        return plan

    def _appearance(self, defendant: Org) -> dict:
        r = self.r
        head, deputies = self._leader(defendant)
        t_head, t_deputy = self._titles(defendant)
        u = r.random()
        if u < 0.93:  # 行政诉讼法 第三条第三款
            if r.random() < 0.3:
                return {"appearance": Appearance.HEAD, "appearing_person": head, "appearing_title": t_head}
            return {
                "appearance": Appearance.DEPUTY,
                "appearing_person": r.choice(deputies),
                "appearing_title": t_deputy,
            }
        if u < 0.975:
            return {
                "appearance": Appearance.STAFF,
                "appearing_person": self.person(),
                "appearing_title": r.choice(["法规科科长", "法制股股长", "法律顾问室主任"]),
                "absence_reason": r.choice(ABSENCE_REASONS),
            }
        if u < 0.99:
            return {
                "appearance": Appearance.LAWYER_ONLY,
                "appearing_person": self._lawyer()[:100],
                "appearing_title": "律师",
            }
        return {"appearance": Appearance.ABSENT}


# ---------------------------------------------------------------------------------------------------------
# Writers


@dataclass
class Stats:
    recon_cases: int = 0
    lit_cases: int = 0
    rows: int = 0  # every row written, cases and children
    seconds: float = 0.0
    history: bool = True

    @property
    def cases(self) -> int:
        return self.recon_cases + self.lit_cases

    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


_sim_time: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "fazhi_demo_sim_time", default=None
)


def _date_history(sender, history_instance=None, **kwargs) -> None:
    """While the demo replays a step, its history rows carry the step's date, not today's."""
    when = _sim_time.get() or sim_time()
    if when is not None and history_instance is not None:
        history_instance.history_date = when


class ServiceWriter:
    """Replays plans through the services: the demo's data is what the pages would have recorded."""

    def __init__(self, world: World, today: dt.date):
        self.w = world
        self.today = today
        self.now = timezone.now()
        self.stats = Stats(history=True)
        self._seq = 0

    def _when(self, day: dt.date, n: int) -> dt.datetime:
        # Office hours on the step's day, never later than now.
        minutes = 9 * 60 + (self._seq * 37 + n * 53) % (8 * 60)
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))
        return min(when, self.now - dt.timedelta(minutes=1))

    def write(self, plans) -> Stats:
        from simple_history.signals import pre_create_historical_record

        pre_create_historical_record.connect(_date_history, dispatch_uid="fazhi-demo-history-date")
        started = time.perf_counter()
        try:
            with transaction.atomic():
                for plan in plans:
                    self._seq += 1
                    if isinstance(plan, ReconPlan):
                        self._recon(plan)
                    else:
                        self._lit(plan)
        finally:
            pre_create_historical_record.disconnect(dispatch_uid="fazhi-demo-history-date")
            _sim_time.set(None)
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _recon(self, plan: ReconPlan) -> None:
        s = recon_services
        actor = self.w.caseworker[plan.org.id]
        _sim_time.set(self._when(plan.received_on, 0))
        case = s.register_application(
            actor=actor,
            org=plan.org,
            respondent=plan.respondent,
            received_on=plan.received_on,
            applicants=plan.applicants,
            act_type=plan.act_type,
            act_description=plan.act_description,
            act_field=plan.act_field,
            channel=plan.channel,
            procedure=plan.procedure,
        )
        for n, step in enumerate(plan.steps, start=1):
            if step.on > self.today:
                break
            _sim_time.set(self._when(step.on, n))
            who = actor
            if step.action == "record_reply":
                who = self.w.clerk.get(plan.respondent.id, actor)
            getattr(s, step.action)(case=case, actor=who, **step.kw)
        _sim_time.set(None)
        plan.case, plan.case_id, plan.number = case, case.id, case.number
        ReconsiderationCase.objects.filter(pk=case.pk).update(created_at=self._when(plan.received_on, 0))
        self._date_events(CaseEvent, case)
        self.stats.recon_cases += 1

    def _lit(self, plan: LitPlan) -> None:
        s = lit_services
        office = self.w.office[self.w.reviewing_for(plan.defendant).id]
        clerk = self.w.clerk.get(plan.defendant.id)
        _sim_time.set(self._when(plan.complaint_received_on, 0))
        case = s.register_case(
            actor=office,
            defendant=plan.defendant,
            court=plan.court,
            case_number=plan.case_number,
            plaintiff=plan.plaintiff,
            act_type=plan.act_type,
            act_description=plan.act_description,
            complaint_received_on=plan.complaint_received_on,
            stage=plan.stage,
            reconsideration=plan.recon.case if plan.recon else None,
        )
        for n, step in enumerate(plan.steps, start=1):
            if step.on > self.today:
                break
            _sim_time.set(self._when(step.on, n))
            # The sued unit's own clerk files the answer and records the hearings when it has one.
            who = clerk if (clerk and step.action in ("record_answer", "record_hearing")) else office
            getattr(s, step.action)(case=case, actor=who, **step.kw)
        _sim_time.set(None)
        plan.case_id = case.id
        LitigationCase.objects.filter(pk=case.pk).update(created_at=self._when(plan.complaint_received_on, 0))
        self._date_events(LitigationEvent, case)
        self.stats.lit_cases += 1

    def _date_events(self, model, case) -> None:
        events = list(model.objects.filter(case=case).order_by("id"))
        for n, e in enumerate(events):
            e.created_at = self._when(e.on, n)
        model.objects.bulk_update(events, ["created_at"])


_DERIVED = ("acceptance_due", "correction_due", "reply_due", "decision_due", "next_due")


class _Table:
    """INSERT … VALUES for `model`'s `fields` by executemany: the bulk path's rows skip Django's per-value
    compilation (most of bulk_create's time), with dates adapted once per value by the backend's own ops."""

    def __init__(self, model, fields: list[str]):
        from django.db import connection
        from django.db.models import DateField, DateTimeField

        self.connection = connection
        meta = model._meta
        self.model = model
        qn = connection.ops.quote_name
        cols, self.adapters = [], []
        for name in fields:
            f = meta.get_field(name)
            cols.append(qn(f.column))
            if isinstance(f, DateTimeField):
                self.adapters.append(connection.ops.adapt_datetimefield_value)
            elif isinstance(f, DateField):
                self.adapters.append(connection.ops.adapt_datefield_value)
            else:
                self.adapters.append(None)
        # Identifiers come from the model's metadata through quote_name; values are parameters.
        self.sql = (
            f"INSERT INTO {qn(meta.db_table)} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"  # noqa: S608 - quoted model identifiers only
        )
        # PostgreSQL: COPY … FROM STDIN (psycopg 3), several times faster than INSERTs.
        self.copy_sql = f"COPY {qn(meta.db_table)} ({', '.join(cols)}) FROM STDIN"
        self.use_copy = connection.vendor == "postgresql"

    def insert(self, rows: list[tuple]) -> int:
        if not rows:
            return 0
        adapt = [(i, a) for i, a in enumerate(self.adapters) if a is not None]
        out = []
        for row in rows:
            if adapt:
                row = list(row)
                for i, a in adapt:
                    if row[i] is not None:
                        row[i] = a(row[i])
            out.append(row)
        with self.connection.cursor() as cur:
            if self.use_copy:
                with cur.cursor.copy(self.copy_sql) as copy:
                    for row in out:
                        copy.write_row(row)
            else:
                for start in range(0, len(out), 5000):
                    cur.executemany(self.sql, out[start : start + 5000])
        return len(out)


def _values(obj, fields: list[str]) -> tuple:
    meta = obj._meta
    return tuple(getattr(obj, meta.get_field(f).attname) for f in fields)


# The services' function of each step -> the workflow's action (rules.WORKFLOW, rules.event).
_RECON_ACTIONS = {
    "request_correction": "request_correction",
    "receive_correction": "receive_correction",
    "mark_abandoned": "abandon",
    "accept_case": "accept",
    "reject_application": "reject",
    "record_copy_served": "serve_copy",
    "record_reply": "reply",
    "record_hearing": "hear",
    "convert_to_ordinary": "convert_to_ordinary",
    "suspend_case": "suspend",
    "resume_case": "resume",
    "extend_case": "extend",
    "decide_case": "decide",
    "close_case": "close",
}
_LIT_ACTIONS = {
    "record_answer": "answer",
    "record_hearing": "hearing",
    "record_judgment": "judge",
    "record_appeal": "appeal",
    "close_case": "close",
}


class BulkWriter:
    """Folds plans into rows and writes them with bulk_create, `batch` cases at a time.

    Mirrors the services step by step (same fields, same event notes) without their per-row queries,
    permission checks and history rows."""

    def __init__(
        self,
        world: World,
        today: dt.date,
        *,
        batch: int = 5000,
        events: bool = True,
        progress: Callable[[Stats], None] | None = None,
    ):
        self.w = world
        self.today = today
        self.batch = batch
        self.events = events
        self.progress = progress
        self.stats = Stats(history=False)
        self._seq: dict[tuple[int, int], tuple] = {}
        self._answer_due: dict[dt.date, dt.date | None] = {}
        self._reply_due: dict[tuple[str, dt.date], dt.date | None] = {}
        self._created: dict[dt.date, dt.datetime] = {}
        self._deadlines: dict[tuple, tuple] = {}
        recon_fields = [f.name for f in ReconsiderationCase._meta.concrete_fields]
        lit_fields = [f.name for f in LitigationCase._meta.concrete_fields]
        self.t_recon = _Table(ReconsiderationCase, recon_fields)
        self.t_lit = _Table(LitigationCase, lit_fields)
        self.recon_fields, self.lit_fields = recon_fields, lit_fields
        self.child_fields = {
            Applicant: ["case", "kind", "name", "id_number", "contact", "representative"],
            Suspension: ["case", "started_on", "resumed_on", "reason"],
            Hearing: ["case", "kind", "held_on", "note"],
            CourtHearing: [
                "case",
                "held_on",
                "appearance",
                "appearing_person",
                "appearing_title",
                "absence_reason",
            ],
        }
        self.t_child = {m: _Table(m, f) for m, f in self.child_fields.items()}
        event_fields = ["case", "kind", "on", "note", "actor", "created_at"]
        self.t_event = {
            CaseEvent: _Table(CaseEvent, event_fields),
            LitigationEvent: _Table(LitigationEvent, event_fields),
        }
        # Case ids are assigned here (children need them; no RETURNING round trip). The bench owns its
        # database while it fills it; sequences are reset afterwards (PostgreSQL).
        self._next_id = {
            m: (m.objects.aggregate(m=Max("id"))["m"] or 0) + 1 for m in (ReconsiderationCase, LitigationCase)
        }

    def write(self, plans) -> Stats:
        started = time.perf_counter()
        recon: list[ReconPlan] = []
        lit: list[LitPlan] = []
        try:
            for plan in plans:
                (recon if isinstance(plan, ReconPlan) else lit).append(plan)
                if len(recon) + len(lit) >= self.batch:
                    self._flush(recon, lit)
                    recon, lit = [], []
                    self.stats.seconds = time.perf_counter() - started
                    if self.progress:
                        self.progress(self.stats)
            self._flush(recon, lit)
        finally:
            self._reset_sequences()
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _reset_sequences(self) -> None:
        from django.core.management.color import no_style
        from django.db import connection

        sql = connection.ops.sequence_reset_sql(no_style(), [ReconsiderationCase, LitigationCase])
        if sql:
            with connection.cursor() as cur:
                for statement in sql:
                    cur.execute(statement)

    def _take_ids(self, model, n: int) -> range:
        first = self._next_id[model]
        self._next_id[model] = first + n
        return range(first, first + n)

    def _created_at(self, day: dt.date) -> dt.datetime:
        if day not in self._created:
            self._created[day] = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
        return self._created[day]

    def _flush(self, recon: list[ReconPlan], lit: list[LitPlan]) -> None:
        with transaction.atomic():
            if recon:
                self._write_recon(recon)
            if lit:
                self._write_lit(lit)

    # -- 行政复议 -------------------------------------------------------------------------------------
    def _reserve_numbers(self, plans: list[ReconPlan]) -> None:
        """One update per 复议机关 and year of the batch reserves its block of case numbers."""
        wanted = Counter((p.org, p.received_on.year) for p in plans)
        for (org, year), n in wanted.items():
            row, first = numbering.reserve(org, recon_services.APP, year, n)
            self._seq[(org.id, year)] = (row, first)

    def _next_number(self, org: Org, year: int) -> tuple[int, str]:
        row, seq = self._seq[(org.id, year)]
        self._seq[(org.id, year)] = (row, seq + 1)
        return seq, numbering.format_number(row, org, seq)

    def fold_recon(self, plan: ReconPlan):
        """The case row, its children and events as the services would have left them today."""
        actor = self.w.caseworker.get(plan.org.id)
        actor_id = getattr(actor, "id", None)
        seq, number = self._next_number(plan.org, plan.received_on.year)
        case = ReconsiderationCase(
            org=plan.org,
            year=plan.received_on.year,
            seq=seq,
            number=number,
            respondent=plan.respondent,
            act_type=plan.act_type,
            act_field=plan.act_field,
            act_description=plan.act_description,
            channel=plan.channel,
            procedure=plan.procedure,
            applicant_summary=plan.applicant_summary,
            received_on=plan.received_on,
            status=Status.RECEIVED,
            created_by_id=actor_id,
        )
        applicants = [
            Applicant(
                kind=a.get("kind") or ApplicantKind.PERSON,
                name=a["name"],
                id_number=a.get("id_number", ""),
                contact=a.get("contact", ""),
                representative=a.get("representative", ""),
            )
            for a in plan.applicants
        ]
        suspensions: list[Suspension] = []
        hearings: list[Hearing] = []
        clerk = self.w.clerk.get(plan.respondent.id)
        event = recon_rules.event
        events = [(*event(case, "register", plan.received_on), actor_id)]
        for step in plan.steps:
            if step.on > self.today:
                break
            kw, a, facts, who = step.kw, step.action, {}, actor_id
            if a == "request_correction":
                case.correction_notice_on, case.correction_received_on = kw["notice_on"], None
                facts = {"items": kw["items"]}
            elif a == "receive_correction":
                case.correction_received_on = kw["received_on"]
            elif a == "mark_abandoned":
                case.closed_on = kw["on"]
            elif a == "accept_case":
                case.accepted_on = kw["accepted_on"]
            elif a == "reject_application":
                case.rejected_on = case.closed_on = kw["rejected_on"]
                facts = {"reason": kw["reason"]}
            elif a == "record_copy_served":
                case.copy_received_on = kw["received_on"]
            elif a == "record_reply":
                facts = {"due": self._reply_deadline(case)}
                case.replied_on = kw["replied_on"]
                who = getattr(clerk, "id", actor_id)
            elif a == "record_hearing":
                hearings.append(Hearing(kind=kw["kind"], held_on=kw["held_on"], note=kw["note"][:300]))
                facts = {"kind": kw["kind"], "note": kw["note"]}
            elif a == "convert_to_ordinary":
                case.procedure = Procedure.ORDINARY
                facts = {"approver": kw["approver"]}
            elif a == "suspend_case":
                suspensions.append(Suspension(started_on=kw["started_on"], reason=kw["reason"][:200]))
                facts = {"reason": kw["reason"]}
            elif a == "resume_case":
                suspensions[-1].resumed_on = kw["resumed_on"]
            elif a == "extend_case":
                case.extension_days += kw["days"]
                case.extension_approved_on, case.extension_approver = kw["approved_on"], kw["approver"]
                facts = {"days": kw["days"], "approver": kw["approver"]}
            elif a == "decide_case":
                if case.status == Status.SUSPENDED and suspensions and suspensions[-1].resumed_on is None:
                    suspensions[-1].resumed_on = kw["decided_on"]
                case.decision, case.termination_reason = kw["decision"], kw["termination_reason"]
                case.decided_on, case.decision_note = kw["decided_on"], kw["note"]
            elif a == "close_case":
                case.closed_on = kw["closed_on"]
            elif a not in _RECON_ACTIONS:  # pragma: no cover - a new step kind without its fold
                raise ValueError(f"unknown step {a}")
            action = _RECON_ACTIONS[a]
            case.status = recon_rules.WORKFLOW.target(case, action)
            events.append((*event(case, action, step.on, **facts), who))
        self._recompute(case, suspensions)
        if errors := recon_rules.validate(case):  # pragma: no cover - a plan the services would refuse
            raise ValueError(f"demo plan for {case.number} is invalid: {errors}")
        return case, applicants, suspensions, hearings, events

    # The inputs of reconsideration.rules.deadlines() and next_due(); at bench scale hundreds of cases a day
    # share them, so each distinct set is computed once (the calendar tables do not change during a run).
    _DEADLINE_INPUTS = (
        "status",
        "procedure",
        "received_on",
        "correction_notice_on",
        "correction_received_on",
        "accepted_on",
        "rejected_on",
        "copy_received_on",
        "replied_on",
        "decided_on",
        "extension_days",
    )

    def _recompute(self, case: ReconsiderationCase, suspensions: list[Suspension]) -> None:
        key = (
            tuple(getattr(case, f) for f in self._DEADLINE_INPUTS),
            tuple((s.started_on, s.resumed_on) for s in suspensions),
        )
        derived = self._deadlines.get(key)
        if derived is None:
            recon_services.recompute_deadlines(case, suspensions=suspensions)
            self._deadlines[key] = tuple(getattr(case, f) for f in _DERIVED)
        else:
            for f, v in zip(_DERIVED, derived, strict=True):
                setattr(case, f, v)

    def _reply_deadline(self, case) -> dt.date | None:
        """The reply period as it stood when the reply came in: rules.deadlines on the two facts it reads
        (procedure and copy date), cached per pair."""
        key = (case.procedure, case.copy_received_on)
        if key not in self._reply_due:
            facts = SimpleNamespace(
                procedure=case.procedure,
                copy_received_on=case.copy_received_on,
                replied_on=None,
                correction_notice_on=None,
                correction_received_on=None,
                accepted_on=case.accepted_on,
                rejected_on=None,
                decided_on=case.accepted_on,  # no acceptance or decision period here
            )
            d = recon_rules.deadlines(facts, suspensions=[]).get("reply")
            self._reply_due[key] = d.due if d else None
        return self._reply_due[key]

    def _write_recon(self, plans: list[ReconPlan]) -> None:
        self._reserve_numbers(plans)
        folded = [self.fold_recon(p) for p in plans]
        rows, children, events = [], defaultdict(list), []
        for plan, pk, (case, applicants, suspensions, hearings, evs) in zip(
            plans, self._take_ids(ReconsiderationCase, len(plans)), folded, strict=True
        ):
            case.id = pk
            case.created_at = self._created_at(plan.received_on)
            plan.case_id, plan.number = pk, case.number
            rows.append(_values(case, self.recon_fields))
            for child in (*applicants, *suspensions, *hearings):
                child.case_id = pk
                children[type(child)].append(_values(child, self.child_fields[type(child)]))
            if self.events:
                events += [(pk, k, on, note, actor, case.created_at) for k, on, note, actor in evs]
        n = self.t_recon.insert(rows)
        for model, child_rows in children.items():
            n += self.t_child[model].insert(child_rows)
        n += self.t_event[CaseEvent].insert(events)
        self.stats.recon_cases += len(plans)
        self.stats.rows += n

    # -- 行政应诉 -------------------------------------------------------------------------------------
    def _answer_deadline(self, day: dt.date) -> dt.date | None:
        # litigation.services registers the suit with no answer yet, so answer_due is the 15-day period
        # from the complaint; later saves keep it.
        if day not in self._answer_due:
            d = lit_rules.answer_deadline(SimpleNamespace(answered_on=None, complaint_received_on=day))
            self._answer_due[day] = d.due if d else None
        return self._answer_due[day]

    def fold_lit(self, plan: LitPlan):
        office = self.w.office.get(self.w.reviewing_for(plan.defendant).id)
        office_id = getattr(office, "id", None)
        clerk_id = getattr(self.w.clerk.get(plan.defendant.id), "id", None)
        case = LitigationCase(
            org=self.w.jurisdiction_of[plan.defendant.id],
            defendant=plan.defendant,
            court=plan.court,
            case_number=plan.case_number,
            stage=plan.stage,
            plaintiff=plan.plaintiff,
            act_type=plan.act_type,
            act_description=plan.act_description,
            complaint_received_on=plan.complaint_received_on,
            reconsideration_id=plan.recon.case_id if plan.recon else None,
            created_by_id=office_id,
        )
        case.answer_due = self._answer_deadline(plan.complaint_received_on)
        event = lit_rules.event
        # as services.register_case: no 复议 number a reader of the suit may not read
        events = [
            (*event(case, "register", plan.complaint_received_on, reconsidered=bool(plan.recon)), office_id)
        ]
        hearings: list[CourtHearing] = []
        for step in plan.steps:
            if step.on > self.today:
                break
            kw, a, facts, who = step.kw, step.action, {}, office_id
            if a == "record_answer":
                case.answered_on = kw["answered_on"]
                who = clerk_id or office_id
            elif a == "record_hearing":
                h = CourtHearing(
                    held_on=kw["held_on"],
                    appearance=kw["appearance"],
                    appearing_person=kw.get("appearing_person", ""),
                    appearing_title=kw.get("appearing_title", ""),
                    absence_reason=kw.get("absence_reason", ""),
                )
                hearings.append(h)
                facts, who = {"hearing": h}, clerk_id or office_id
            elif a == "record_judgment":
                case.result, case.judged_on = kw["result"], kw["judged_on"]
                case.lost = lit_rules.is_loss(case.result)
            elif a == "record_appeal":
                case.appealed = True
            elif a == "close_case":
                case.closed_on = kw["closed_on"]
            else:  # pragma: no cover
                raise ValueError(f"unknown step {a}")
            action = _LIT_ACTIONS[a]
            case.status = lit_rules.WORKFLOW.target(case, action)
            events.append((*event(case, action, step.on, **facts), who))
        case.hearing_count = len(hearings)
        case.first_hearing_on = min((h.held_on for h in hearings), default=None)
        case.head_appeared = any(lit_rules.is_head_appearance(h.appearance) for h in hearings)
        if errors := lit_rules.validate(
            case, hearings
        ):  # pragma: no cover - a plan the services would refuse
            raise ValueError(f"demo plan for {case.case_number} is invalid: {errors}")
        return case, hearings, events

    def _write_lit(self, plans: list[LitPlan]) -> None:
        folded = [self.fold_lit(p) for p in plans]
        rows, hearings, events = [], [], []
        for plan, pk, (case, hs, evs) in zip(
            plans, self._take_ids(LitigationCase, len(plans)), folded, strict=True
        ):
            case.id = pk
            case.created_at = self._created_at(plan.complaint_received_on)
            plan.case_id = pk
            rows.append(_values(case, self.lit_fields))
            for h in hs:
                h.case_id = pk
                hearings.append(_values(h, self.child_fields[CourtHearing]))
            if self.events:
                events += [(pk, k, on, note, actor, case.created_at) for k, on, note, actor in evs]
        n = self.t_lit.insert(rows)
        n += self.t_child[CourtHearing].insert(hearings)
        n += self.t_event[LitigationEvent].insert(events)
        self.stats.lit_cases += len(plans)
        self.stats.rows += n


# ---------------------------------------------------------------------------------------------------------


def expected_cases(scale: float = 1.0, today: dt.date | None = None) -> float:
    """Roughly how many case rows (复议 + 应诉) `scale` yields over the window (for --cases N)."""
    today = today or timezone.localdate()
    ytd = (today - dt.date(today.year, 1, 1)).days / 365.0
    years = (1.0, 1.0, ytd)
    recon = sum(RECON_PER_YEAR * t * y for t, y in zip(RECON_TREND, years, strict=True))
    lit = sum(LIT_DIRECT_PER_YEAR * t * y for t, y in zip(LIT_TREND, years, strict=True))
    # suits after 复议 (~12% of 复议 cases), and 二审 records (~17% of first-instance suits)
    return scale * (recon + (lit + 0.12 * recon) * 1.17)


def generate(
    *,
    scale: float = 1.0,
    seed: int = 1,
    today: dt.date | None = None,
    bulk: bool = False,
    batch: int = 5000,
    events: bool = True,
    root_code: str = city.CITY.code,
    progress: Callable[[Stats], None] | None = None,
) -> Stats:
    """Generate the cases of the demo city. `bulk=False` replays through the services (demo scale);
    `bulk=True` writes rows in batches (bench scale, no history rows)."""
    today = today or timezone.localdate()
    world = World.load(root_code)
    planner = Planner(world, seed=seed, scale=scale, today=today)
    if bulk:
        return BulkWriter(world, today, batch=batch, events=events, progress=progress).write(planner.plans())
    stats = ServiceWriter(world, today).write(planner.plans())
    return stats


def load_plans(
    *,
    seed: int,
    scale: float = 1.0,
    bulk: bool = False,
    today: dt.date | None = None,
    root_code: str = city.CITY.code,
) -> Iterator[tuple[str, str]]:
    """Run every domain app's declared demo plan (app contract `demo_plan`, core/demoplan.py), each in its own
    transaction with history rows dated on the replayed day; yields (app name, its one-line summary)."""
    from simple_history.signals import pre_create_historical_record

    from fazhi.core.contract import domain_apps, resolve

    root = Org.objects.get(code=root_code)
    today = today or timezone.localdate()
    pre_create_historical_record.connect(_date_history, dispatch_uid="fazhi-demo-plan-history-date")
    try:
        for cfg in domain_apps():
            if not cfg.demo_plan:
                continue
            ctx = DemoContext(root=root, today=today, seed=seed, label=cfg.label, scale=scale, bulk=bulk)
            with transaction.atomic():
                line = resolve(cfg.demo_plan)(ctx)
            yield str(cfg.verbose_name), line
    finally:
        pre_create_historical_record.disconnect(dispatch_uid="fazhi-demo-plan-history-date")


# ---------------------------------------------------------------------------------------------------------
# What was generated, in the terms of the annual reports.


# The summary's figures that the catalog defines: taken from the indicator engine for the demo city and the year,
# so the summary, the dashboard, the home page and the annual report give one value for one figure (issue 16: the
# summary's 败诉率 counted judgments by the year the suit was filed, the report by the year of judgment).
ENGINE_COUNTS = {
    "recon_received": "reconsideration.received",
    "recon_accepted": "reconsideration.accepted",
    "recon_rejected": "reconsideration.rejected",
    "recon_decided": "reconsideration.concluded",
    "recon_corrected": "reconsideration.corrected",
    "recon_mediated": "reconsideration.mediated",
    "lit_first": "litigation.cases",
    "lit_heard": "litigation.heard",
    "lit_head": "litigation.head_appeared",
    "lit_judged": "litigation.judged",
    "lit_lost": "litigation.lost",
}
ENGINE_RATES = {
    "recon_corrected_rate": "reconsideration.correction_rate",
    "recon_mediated_rate": "reconsideration.mediation_rate",
    "lit_head_rate": "litigation.head_appearance_rate",
    "lit_loss_rate": "litigation.loss_rate",
}


def _engine_figures(root: Org, year: int) -> dict[str, float]:
    from fazhi.indicators.registry import Period, compute

    values = compute(root, Period.year(year), sorted({*ENGINE_COUNTS.values(), *ENGINE_RATES.values()}))
    out: dict[str, float] = {}
    for field_, key in ENGINE_COUNTS.items():
        out[field_] = values[key].value or 0
    for field_, key in ENGINE_RATES.items():
        v = values[key].value
        out[field_] = float(v) / 100 if v is not None else 0.0
    return out


def summary(today: dt.date | None = None, *, root_code: str = city.CITY.code) -> dict[int, dict[str, float]]:
    """Per year: 复议 received/accepted/rejected/abandoned/decided, 纠错率, 调解和解率, open, overdue and
    due within 7 days; 应诉 first-instance suits, share after 复议, 负责人出庭应诉率, 败诉率. The figures the catalog
    defines are the engine's for the root org (ENGINE_COUNTS, ENGINE_RATES)."""
    today = today or timezone.localdate()
    corrected = recon_rules.correction_decisions()
    mediated = Q(decision=Decision.MEDIATION) | Q(
        decision=Decision.TERMINATE, termination_reason=TerminationReason.SETTLED_WITHDRAWN
    )
    open_q = Q(status__in=OPEN_STATUSES)
    out: dict[int, dict[str, float]] = {}
    rows = (
        ReconsiderationCase.objects.values("year")
        .annotate(
            received=Count("id"),
            accepted=Count("id", filter=Q(accepted_on__isnull=False)),
            rejected=Count("id", filter=Q(status=Status.REJECTED)),
            abandoned=Count("id", filter=Q(status=Status.ABANDONED)),
            decided=Count("id", filter=Q(decided_on__isnull=False)),
            corrected=Count("id", filter=Q(decided_on__isnull=False, decision__in=corrected)),
            mediated=Count("id", filter=Q(decided_on__isnull=False) & mediated),
            extended=Count("id", filter=Q(extension_days__gt=0)),
            open=Count("id", filter=open_q),
            overdue=Count("id", filter=open_q & Q(next_due__lt=today)),
            due_7=Count("id", filter=open_q & Q(next_due__gte=today, next_due__lte=today + _days(7))),
        )
        .order_by("year")
    )
    suspended = dict(
        Suspension.objects.values("case__year")
        .annotate(n=Count("case", distinct=True))
        .values_list("case__year", "n")
    )
    for row in rows:
        row["suspended"] = suspended.get(row["year"], 0)
        y = out.setdefault(row.pop("year"), {})
        y.update({f"recon_{k}": v for k, v in row.items()})
        d = row["decided"] or 1
        y["recon_corrected_rate"] = row["corrected"] / d
        y["recon_mediated_rate"] = row["mediated"] / d
    lit = (
        LitigationCase.objects.values("complaint_received_on__year")
        .annotate(
            n=Count("id"),
            first=Count("id", filter=Q(stage=Instance.FIRST)),
            after_recon=Count("id", filter=Q(stage=Instance.FIRST, reconsideration__isnull=False)),
            heard=Count("id", filter=Q(first_hearing_on__isnull=False)),
            head=Count("id", filter=Q(head_appeared=True)),
            judged=Count("id", filter=Q(judged_on__isnull=False)),
            lost=Count("id", filter=Q(lost=True)),
            pending=Count("id", filter=Q(status=LitStatus.PENDING)),
        )
        .order_by("complaint_received_on__year")
    )
    for row in lit:
        y = out.setdefault(row.pop("complaint_received_on__year"), {})
        y.update({f"lit_{k}": v for k, v in row.items()})
        y["lit_after_recon_share"] = row["after_recon"] / (row["first"] or 1)
        y["lit_head_rate"] = row["head"] / (row["heard"] or 1)
        y["lit_loss_rate"] = row["lost"] / (row["judged"] or 1)
    root = Org.objects.filter(code=root_code).first()
    if root is not None:
        for year, y in out.items():
            y.update(_engine_figures(root, year))
    return out


def format_summary(data: dict[int, dict[str, float]]) -> str:
    lines = []
    for year, y in sorted(data.items()):
        lines.append(
            f"  {year}年 行政复议：收到 {y.get('recon_received', 0)} 件，受理 {y.get('recon_accepted', 0)}，"
            f"不予受理 {y.get('recon_rejected', 0)}，视为放弃 {y.get('recon_abandoned', 0)}，"
            f"审结 {y.get('recon_decided', 0)}（纠错率 {y.get('recon_corrected_rate', 0):.1%}，"
            f"调解和解率 {y.get('recon_mediated_rate', 0):.1%}），中止 {y.get('recon_suspended', 0)}，"
            f"延期 {y.get('recon_extended', 0)}，未结 {y.get('recon_open', 0)}"
            f"（逾期 {y.get('recon_overdue', 0)}，7日内到期 {y.get('recon_due_7', 0)}）"
        )
        lines.append(
            f"          行政应诉：一审 {y.get('lit_first', 0)} 件（经复议 {y.get('lit_after_recon_share', 0):.1%}），"
            f"二审 {y.get('lit_n', 0) - y.get('lit_first', 0)}，负责人出庭应诉率 {y.get('lit_head_rate', 0):.1%}，"
            f"败诉率 {y.get('lit_loss_rate', 0):.1%}，审理中 {y.get('lit_pending', 0)}"
        )
    return "\n".join(lines)
