"""The demo city's 行政复议 cases (`demo_plan`, core/demoplan.py): over the last two full years and the current year
to date, with the volumes and mix of real annual reports (shared/seeds/).

A 复议 case decides the suit that may follow it (复议后起诉), so the 复议 and 应诉 cases are planned together from
ONE random stream: `fazhi.demo.generator.CasePlanner` orders the days and draws the volumes, `ReconPlanner` (here)
plans each 复议 case and `fazhi.litigation.demo.LitPlanner` each suit, both drawing from the planner's
`random.Random(seed)`, so a seed gives the same cases as it always has. `load` writes this app's plans of the run
(`ctx.shared[CASE_STREAM]`) through the services, or folded into rows at bench scale:

* `replay` replays a plan through fazhi.reconsideration.services, so timelines, events, history rows and derived
  deadlines are exactly what the pages would have produced.
* `Folder` (bench scale) folds the same steps into the case row, its children and events as the services would
  have left them today; derived fields come from the code the services use (`services.recompute_deadlines`), and
  the record passes the one validation (`rules.validate`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.contrib.auth import get_user_model

from fazhi.core import numbering
from fazhi.core.choices import OrgKind, Role
from fazhi.core.demoplan import GIVEN_NAMES, SURNAME_CUM_WEIGHTS, SURNAMES, DemoContext
from fazhi.core.models import Membership, Org
from fazhi.law.choices import ActType

from . import rules, services
from .choices import ApplicantKind, Decision, HearingKind, Procedure, Status, TerminationReason
from .models import Applicant, CaseEvent, Hearing, ReconsiderationCase, Suspension

#: the key of `DemoContext.shared` under which fazhi.demo hands the run's 复议/应诉 plans (generator.CaseStream)
CASE_STREAM = "reconsideration.cases"

# ---------------------------------------------------------------------------------------------------------
# Volumes at --scale 1, per year, for the whole city (city government + counties). The seeds report 206–993
# 复议 applications a year for a prefecture, 纠错率 15.8%, 调解和解率 22.8%, 案结事了率 86.1% (the suits' volumes:
# fazhi.litigation.demo).

RECON_PER_YEAR = 300
# Year-on-year: 复议 has grown since the 2023 revision (主渠道).
RECON_TREND = (0.85, 1.0, 1.12)
# Applications arrive mostly on working days (online ones also on rest days).
REST_DAY_FACTOR_RECON = 0.12

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


# ---------------------------------------------------------------------------------------------------------
# The world the plans of both apps refer to (fazhi.litigation.demo reads it too), read from the database once.


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

    @classmethod
    def load(cls, root: Org, weights: dict[str, float]) -> World:
        """The world under `root`; `weights`: org code -> its share of the casework (0.5 for an org not named)."""
        orgs = list(root.subtree().order_by("path"))
        by_id = {o.id: o for o in orgs}
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
        return cls(
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
    seq: int = (
        0  # its place in the run's stream of 复议 and 应诉 plans (dates the writes: generator.ServiceWriter)
    )
    # set by the writer
    case_id: int | None = None
    case: ReconsiderationCase | None = None

    @property
    def day(self) -> dt.date:
        return self.received_on

    @property
    def applicant_summary(self) -> str:
        return "、".join(a["name"] for a in self.applicants)[:200]


_CUM: dict[int, tuple[list, list[float], dict]] = {}


def pick(r: random.Random, weights: dict):
    """A weighted choice; the cumulative weights of each (module-level) table are computed once."""
    cached = _CUM.get(id(weights))
    if cached is None or cached[2] is not weights:
        keys = list(weights)
        cached = (keys, list(itertools.accumulate(weights[k] for k in keys)), weights)
        _CUM[id(weights)] = cached
    return r.choices(cached[0], cum_weights=cached[1])[0]


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_number(r: random.Random, area: str) -> str:
    """A resident ID number (GB 11643) in a fictional 99xxxx area, with a valid check digit."""
    born = dt.date(1950, 1, 1) + days(r.randrange(0, 365 * 52))
    body = f"{area}{born:%Y%m%d}{r.randrange(1000):03d}"
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
    return body + check


def credit_code(r: random.Random, area: str) -> str:
    """A 统一社会信用代码 (GB 32100) for a company registered in a fictional 99xxxx area."""
    body = "91" + area + "".join(r.choice(_USCC_CHARS) for _ in range(9))
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


class ReconPlanner:
    """Plans one 复议 case at a time, drawing from `r` (the run's one random stream); also the names, parties and
    acts that fazhi.litigation.demo's suits draw the same way. `follow_up(plan, decided, defendant)` plans the suit
    that a case decides (复议后起诉): fazhi.litigation.demo.LitPlanner.after_reconsideration, wired by the run."""

    def __init__(
        self,
        world: World,
        r: random.Random,
        *,
        today: dt.date,
        follow_up: Callable[[ReconPlan, dt.date, Org], None] | None = None,
    ):
        self.w = world
        self.r = r
        self.today = today
        self.follow_up = follow_up
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
                    "representative": self.lawyer() if r.random() < 0.6 else "",
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
                    "representative": self.lawyer() if r.random() < 0.4 else "",
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
                    "representative": self.lawyer() if r.random() < 0.3 else "",
                }
            )
        return out

    def lawyer(self) -> str:
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
            return pick(
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
        fld = pick(r, FIELD_WEIGHTS)
        respondent, fld = self.respondent(j, fld)
        act_type = pick(r, ACT_TYPES[fld])
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
            channel=pick(r, CHANNEL_WEIGHTS),
            procedure=Procedure.SIMPLIFIED if simplified else Procedure.ORDINARY,
            steps=[],
        )
        steps = plan.steps
        # A year-end backlog: more of the recent cases run late (some without the extension that would have
        # covered them), so the dashboard has overdue work to show.
        recent = (self.today - day).days < 150
        t = day
        if r.random() < 0.10:  # 补正 (第三十一条)
            notice = day + days(r.randint(1, 5))
            steps.append(
                Step(notice, "request_correction", {"notice_on": notice, "items": r.choice(CORRECTION_ITEMS)})
            )
            if r.random() < 0.2:
                # 逾期不补正 → 视为放弃; 30 days is past any 10-working-day period, 春节 included.
                steps.append(Step(notice + days(30), "mark_abandoned", {"on": notice + days(30)}))
                return plan
            t = notice + days(r.randint(2, 12))
            steps.append(Step(t, "receive_correction", {"received_on": t}))
        if r.random() < 0.08:  # 不予受理 (第三十条第二款)
            rej = t + days(r.randint(1, 6))
            steps.append(
                Step(rej, "reject_application", {"rejected_on": rej, "reason": r.choice(REJECT_REASONS)})
            )
            if r.random() < 0.2:
                self._sue_after(plan, rej, defendant=j)
            return plan
        acc = t + days(r.choice([1, 1, 2, 2, 3, 3, 4, 5, 6, 7]))
        steps.append(Step(acc, "accept_case", {"accepted_on": acc}))
        decision, reason = self.decision(act_type)
        early = decision == Decision.DISMISS_APPLICATION or (
            decision == Decision.TERMINATE and reason != TerminationReason.SETTLED_WITHDRAWN
        )
        copy = acc + days(r.randint(1, 5))
        steps.append(Step(copy, "record_copy_served", {"received_on": copy}))
        if simplified:
            reply = copy + days(r.randint(1, 7))
        else:
            reply = copy + days(
                r.randint(3, 14) if r.random() > (0.10 if recent else 0.04) else r.randint(15, 30)
            )
        steps.append(Step(reply, "record_reply", {"replied_on": reply}))
        last = reply
        if not early or r.random() < 0.5:
            u = r.random()
            if (not simplified and u < 0.80) or (simplified and u < 0.30):
                last = reply + days(r.randint(2, 15))
                kind = HearingKind.HEARING if (not simplified and r.random() < 0.06) else HearingKind.OPINION
                note = (
                    "被申请人负责人参加听证"
                    if kind == HearingKind.HEARING
                    else r.choice(["当面听取申请人意见", "电话听取申请人意见", "通过互联网听取当事人意见"])
                )
                steps.append(Step(last, "record_hearing", {"kind": kind, "held_on": last, "note": note}))
        procedure_ordinary = not simplified
        if simplified and r.random() < 0.08:  # 第五十五条
            last = last + days(1)
            steps.append(Step(last, "convert_to_ordinary", {"on": last, "approver": self.leader(j)[0]}))
            procedure_ordinary = True
        paused = 0
        if procedure_ordinary and not early and r.random() < 0.04:  # 中止 (第三十九条)
            s0 = last + days(r.randint(1, 10))
            s1 = s0 + days(r.randint(15, 80))
            steps.append(Step(s0, "suspend_case", {"started_on": s0, "reason": r.choice(SUSPEND_REASONS)}))
            steps.append(Step(s1, "resume_case", {"resumed_on": s1}))
            paused = (s1 - s0).days + 1
            last = s1
        limit = (60 if procedure_ordinary else 30) + paused
        slow = r.random() < (0.15 if recent else 0.03)
        ext = 0
        if procedure_ordinary and not early and r.random() < (0.5 if slow else 0.10):  # 延期 (第六十二条)
            ext = r.choice([30, 30, 30, 20, 15])
            approve = max(acc + days(r.randint(45, 57) + paused), last + days(1))
            steps.append(
                Step(
                    approve,
                    "extend_case",
                    {"approved_on": approve, "days": ext, "approver": self.leader(j)[0]},
                )
            )
            last = approve
            limit += ext
        if early:
            decided = acc + days(r.randint(8, 35))
        elif slow:
            decided = acc + days(limit + (r.randint(10, 60) if recent else r.randint(3, 25)))
        else:
            decided = acc + days(r.randint(int(limit * 0.45), limit - 2))
        decided = max(decided, last + days(1))
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
        closed = decided + days(r.randint(1, 15))
        steps.append(Step(closed, "close_case", {"closed_on": closed}))
        # 经复议后起诉: 15 days after receiving the decision (行政诉讼法 第四十五条).
        sue = {Decision.UPHOLD: 0.16, Decision.DISMISS_CLAIM: 0.16, Decision.DISMISS_APPLICATION: 0.16}.get(
            decision, 0.08 if rules.is_corrected(decision) else 0.01
        )
        if r.random() < sue:
            # 复议维持: the original organ (with the 复议机关); 复议改变: the 复议机关 (行政诉讼法 第二十六条).
            defendant = j if rules.is_corrected(decision) else respondent
            self._sue_after(plan, decided, defendant=defendant)
        return plan

    def _sue_after(self, plan: ReconPlan, decided: dt.date, *, defendant: Org) -> None:
        if self.follow_up is not None:
            self.follow_up(plan, decided, defendant)

    def leader(self, org: Org) -> tuple[str, list[str]]:
        """The head of `org` and two deputies (approve 复议 extensions; appear in court for 应诉)."""
        if org.id not in self._leaders:
            self._leaders[org.id] = (self.person(), [self.person(), self.person()])
        return self._leaders[org.id]


_DERIVED = ("acceptance_due", "correction_due", "reply_due", "decision_due", "next_due")


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


# ---------------------------------------------------------------------------------------------------------
# Writing


def replay(
    plan: ReconPlan, *, world: World, today: dt.date, at: Callable[[dt.date, int], Any]
) -> ReconsiderationCase:
    """Replay `plan` through the services, up to today, as the 复议机关's caseworker (the respondent's clerk files
    the reply); `at(day, n)` dates the case's n-th write (its history rows) before it is made."""
    actor = world.caseworker[plan.org.id]
    at(plan.received_on, 0)
    case = services.register_application(
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
        if step.on > today:
            break
        at(step.on, n)
        who = actor
        if step.action == "record_reply":
            who = world.clerk.get(plan.respondent.id, actor)
        getattr(services, step.action)(case=case, actor=who, **step.kw)
    return case


class Folder:
    """Bench scale: folds plans into the rows the services would have left today (the case, its children, its
    events); fazhi.demo.generator.BulkWriter writes them. Mirrors the services step by step (same fields, same
    event notes) without their per-row queries, permission checks and history rows."""

    model = ReconsiderationCase
    event_model = CaseEvent
    children = {
        Applicant: ["case", "kind", "name", "id_number", "contact", "representative"],
        Suspension: ["case", "started_on", "resumed_on", "reason"],
        Hearing: ["case", "kind", "held_on", "note"],
    }

    def __init__(self, world: World, today: dt.date):
        self.w = world
        self.today = today
        self._seq: dict[tuple[int, int], tuple] = {}
        self._reply_due: dict[tuple[str, dt.date], dt.date | None] = {}
        self._deadlines: dict[tuple, tuple] = {}

    def prepare(self, plans: list[ReconPlan]) -> None:
        """One update per 复议机关 and year of the batch reserves its block of case numbers."""
        wanted = Counter((p.org, p.received_on.year) for p in plans)
        for (org, year), n in wanted.items():
            row, first = numbering.reserve(org, services.APP, year, n)
            self._seq[(org.id, year)] = (row, first)

    def _next_number(self, org: Org, year: int) -> tuple[int, str]:
        row, seq = self._seq[(org.id, year)]
        self._seq[(org.id, year)] = (row, seq + 1)
        return seq, numbering.format_number(row, org, seq)

    def fold(self, plan: ReconPlan) -> tuple[ReconsiderationCase, list, list[tuple]]:
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
        event = rules.event
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
            case.status = rules.WORKFLOW.target(case, action)
            events.append((*event(case, action, step.on, **facts), who))
        self._recompute(case, suspensions)
        if errors := rules.validate(case):  # pragma: no cover - a plan the services would refuse
            raise ValueError(f"demo plan for {case.number} is invalid: {errors}")
        return case, [*applicants, *suspensions, *hearings], events

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
            services.recompute_deadlines(case, suspensions=suspensions)
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
            d = rules.deadlines(facts, suspensions=[]).get("reply")
            self._reply_due[key] = d.due if d else None
        return self._reply_due[key]


def load(ctx: DemoContext) -> str:
    """The demo city's 复议 cases of the run, through the services (in rows at bench scale). They are planned with
    the suits that follow them from one random stream, so fazhi.demo plans both apps' cases at once and hands them
    over in `ctx.shared[CASE_STREAM]` (fazhi.demo.generator.CaseStream: the plans in date order and their writer)."""
    stream = ctx.shared.get(CASE_STREAM)
    if stream is None:
        raise LookupError(f"the 复议/应诉 plans are planned together: ctx.shared[{CASE_STREAM!r}] is missing")
    return f"行政复议案件 {stream.write(ReconPlan):,} 件"
