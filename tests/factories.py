"""Shared test data: an org tree, the personas of the permission ladder, and case builders.

Everything is created the way the office creates it: orgs and memberships through core.models, users through
django.contrib.auth, and cases only through the services (so due dates, events and history rows are real).

The tree (a city with two units and a county that has a unit of its own):

    990100 青城市人民政府 (city, 案号前缀 青府复)
    ├── 990100A 青城市市场监督管理局 (unit A)
    ├── 990100B 青城市公安局 (unit B)
    └── 990121 青城县人民政府 (county, 案号前缀 青县府复)
        └── 990121A 青城县市场监督管理局 (county unit)

Personas (STYLE.md, "Personas and the permission ladder"):
    office        法治办 of the city: reads and writes the whole city subtree
    reviewer      复议人员 of the city
    clerk_a       部门填报员 of unit A: only unit A's records
    clerk_b       部门填报员 of unit B: only unit B's records
    leader        领导 of the city: reads the subtree, writes nothing
    county_office 法治办 of the county: only the county subtree
    sysadmin      系统管理员 (role admin) of the city: may read the logs
    anonymous     no login at all (the `client` fixture as is)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from fazhi.core import numbering
from fazhi.core import services as core_services
from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import ApiToken, Membership, Org
from fazhi.law.choices import ActType
from fazhi.litigation import services as lit_services
from fazhi.reconsideration import services as recon_services
from fazhi.reconsideration.choices import Procedure

PASSWORD = "Fz-test-2025!"


@dataclass
class Tree:
    city: Org
    unit_a: Org
    unit_b: Org
    county: Org
    county_unit: Org


@dataclass
class Personas:
    office: object
    reviewer: object
    clerk_a: object
    clerk_b: object
    leader: object
    county_office: object
    sysadmin: object


def make_org(
    code: str, name: str, kind: str, *, parent: Org | None = None, prefix: str = "", short_name: str = ""
) -> Org:
    org = Org(code=code, name=name, kind=kind, parent=parent, short_name=short_name)
    org.full_clean(exclude=["path"])
    org.save()
    if prefix:
        numbering.set_prefix(org, "reconsideration", prefix)
    return org


def build_org_tree() -> Tree:
    city = make_org("990100", "青城市人民政府", OrgKind.CITY, prefix="青府复", short_name="青城市")
    unit_a = make_org("990100A", "青城市市场监督管理局", OrgKind.UNIT, parent=city)
    unit_b = make_org("990100B", "青城市公安局", OrgKind.UNIT, parent=city)
    county = make_org(
        "990121", "青城县人民政府", OrgKind.COUNTY, parent=city, prefix="青县府复", short_name="青城县"
    )
    county_unit = make_org("990121A", "青城县市场监督管理局", OrgKind.UNIT, parent=county)
    return Tree(city=city, unit_a=unit_a, unit_b=unit_b, county=county, county_unit=county_unit)


def make_user(
    username: str, *, org: Org | None = None, role: str | None = None, password: str = PASSWORD, **extra
):
    user = get_user_model().objects.create_user(username=username, password=password, **extra)
    if org is not None and role is not None:
        Membership.objects.create(user=user, org=org, role=role)
    return user


def build_personas(tree: Tree) -> Personas:
    return Personas(
        office=make_user("office", org=tree.city, role=Role.OFFICE, first_name="林晓燕"),
        reviewer=make_user("reviewer", org=tree.city, role=Role.REVIEWER, first_name="周建华"),
        clerk_a=make_user("clerk_a", org=tree.unit_a, role=Role.CLERK, first_name="王丽"),
        clerk_b=make_user("clerk_b", org=tree.unit_b, role=Role.CLERK, first_name="赵磊"),
        leader=make_user("leader", org=tree.city, role=Role.LEADER, first_name="陈志强"),
        county_office=make_user("county_office", org=tree.county, role=Role.OFFICE, first_name="刘芳"),
        sysadmin=make_user("sysadmin", org=tree.city, role=Role.ADMIN, first_name="系统管理员"),
    )


def make_token(user, name: str = "测试客户端", **kwargs) -> ApiToken:
    """A token issued through the service; the returned row carries the once-shown secret as `.key`."""
    token, key = core_services.issue_token(owner=user, name=name, actor=user, **kwargs)
    token.key = key
    return token


# -- 行政复议 ---------------------------------------------------------------------------------------------
def register_case(
    actor,
    *,
    org: Org,
    respondent: Org,
    received_on: date,
    applicant: str = "张三",
    procedure: str = Procedure.ORDINARY,
    act_type: str = ActType.PENALTY,
    act_description: str = "罚款二千元的行政处罚决定",
):
    return recon_services.register_application(
        actor=actor,
        org=org,
        respondent=respondent,
        received_on=received_on,
        applicants=[{"name": applicant}],
        act_type=act_type,
        act_description=act_description,
        procedure=procedure,
    )


def accepted_case(
    actor, *, org: Org, respondent: Org, received_on: date, accepted_on: date | None = None, **kwargs
):
    case = register_case(actor, org=org, respondent=respondent, received_on=received_on, **kwargs)
    return recon_services.accept_case(case=case, actor=actor, accepted_on=accepted_on or received_on)


def decided_case(
    actor,
    *,
    org: Org,
    respondent: Org,
    received_on: date,
    decided_on: date,
    decision: str,
    termination_reason: str = "",
    accepted_on: date | None = None,
    **kwargs,
):
    case = accepted_case(
        actor, org=org, respondent=respondent, received_on=received_on, accepted_on=accepted_on, **kwargs
    )
    return recon_services.decide_case(
        case=case,
        actor=actor,
        decision=decision,
        decided_on=decided_on,
        termination_reason=termination_reason,
    )


# -- 行政应诉 ---------------------------------------------------------------------------------------------
def litigation_case(
    actor,
    *,
    defendant: Org,
    case_number: str,
    complaint_received_on: date,
    court: str = "青城市中级人民法院",
    plaintiff: str = "李四",
    act_type: str = ActType.PENALTY,
    reconsideration=None,
    stage: str = "first",
):
    return lit_services.register_case(
        actor=actor,
        defendant=defendant,
        court=court,
        case_number=case_number,
        plaintiff=plaintiff,
        act_type=act_type,
        act_description="被诉行政处罚决定",
        complaint_received_on=complaint_received_on,
        stage=stage,
        reconsideration=reconsideration,
    )


def judged_litigation(
    actor, *, result: str, judged_on: date, hearing: tuple[date, str] | None = None, **kwargs
):
    """A suit through to judgment; `hearing` = (held_on, appearance) adds one court session first."""
    case = litigation_case(actor, **kwargs)
    if hearing is not None:
        held_on, appearance = hearing
        lit_services.record_hearing(
            case=case,
            actor=actor,
            held_on=held_on,
            appearance=appearance,
            appearing_person="王局长",
            appearing_title="局长",
        )
    return lit_services.record_judgment(case=case, actor=actor, result=result, judged_on=judged_on)


# -- a known dataset for the indicators ---------------------------------------------------------------------------
def build_indicator_dataset(tree: Tree, actor) -> dict[str, object]:
    """Cases whose figures are worked out by hand in tests/indicators/ (all through the services).

    行政复议 (复议机关 / 被申请人, received → accepted → decided):
      r1  city / A       2025-02-10 → 02-12 → 03-20  撤销
      r2  city / B       2025-03-03 → 03-05 → 04-21  撤销
      r3  city / A       2025-04-01 → 04-03 → 05-20  变更
      r4  city / A       2025-05-06 → 05-08 → 06-16  调解书
      r5  city / B       2025-06-03 → 06-05 → 07-15  终止（达成和解撤回申请）
      r6  city / A       2025-06-09 → 06-11 → 08-01  维持   → sued (s1)
      r7  city / A       2025-07-01 → 07-03 → 08-20  维持
      r8  county / 县A   2025-07-14 → 07-16 → 09-01  维持
      r9  city / B       2025-01-06 → 01-08 → 02-20  维持   → sued (s2)
      r10 county / 县A   2024-12-20 → 12-23 → 2025-01-20  维持
      rejected  city / B 2025-06-02, 不予受理 06-05
      pending   city / A 2025-11-03, 待审查 (review due Mon 11/10: 11/4, 11/5, 11/6, 11/7, 11/10)

    行政应诉 (被告, complaint → first hearing (who appeared) → judgment):
      s1  A   2025-09-16 → 10-20 副职出庭   → 11-10 撤销 (败诉)        after r6
      s2  B   2025-03-10 → 04-14 仅律师出庭 → 05-15 驳回诉讼请求        after r9
      s3  A   2025-03-03 → 04-01 正职出庭   → 05-06 确认违法 (败诉)
      s4  县A 2025-04-07 → 05-12 工作人员   → 06-10 驳回诉讼请求
      s5  B   2025-07-07 二审, no hearing, pending
      s6  A   2025-02-10 → 03-10 正职出庭   → 04-10 驳回诉讼请求
    """
    from fazhi.litigation.choices import Appearance, Result
    from fazhi.reconsideration.choices import Decision, TerminationReason

    city, a, b, county, ca = tree.city, tree.unit_a, tree.unit_b, tree.county, tree.county_unit
    d = date
    recon = [
        ("r1", city, a, d(2025, 2, 10), d(2025, 2, 12), d(2025, 3, 20), Decision.REVOKE, ""),
        ("r2", city, b, d(2025, 3, 3), d(2025, 3, 5), d(2025, 4, 21), Decision.REVOKE, ""),
        ("r3", city, a, d(2025, 4, 1), d(2025, 4, 3), d(2025, 5, 20), Decision.ALTER, ""),
        ("r4", city, a, d(2025, 5, 6), d(2025, 5, 8), d(2025, 6, 16), Decision.MEDIATION, ""),
        (
            "r5",
            city,
            b,
            d(2025, 6, 3),
            d(2025, 6, 5),
            d(2025, 7, 15),
            Decision.TERMINATE,
            TerminationReason.SETTLED_WITHDRAWN,
        ),
        ("r6", city, a, d(2025, 6, 9), d(2025, 6, 11), d(2025, 8, 1), Decision.UPHOLD, ""),
        ("r7", city, a, d(2025, 7, 1), d(2025, 7, 3), d(2025, 8, 20), Decision.UPHOLD, ""),
        ("r8", county, ca, d(2025, 7, 14), d(2025, 7, 16), d(2025, 9, 1), Decision.UPHOLD, ""),
        ("r9", city, b, d(2025, 1, 6), d(2025, 1, 8), d(2025, 2, 20), Decision.UPHOLD, ""),
        ("r10", county, ca, d(2024, 12, 20), d(2024, 12, 23), d(2025, 1, 20), Decision.UPHOLD, ""),
    ]
    out: dict[str, object] = {}
    for key, org, respondent, received_on, accepted_on, decided_on, decision, reason in recon:
        out[key] = decided_case(
            actor,
            org=org,
            respondent=respondent,
            received_on=received_on,
            accepted_on=accepted_on,
            decided_on=decided_on,
            decision=decision,
            termination_reason=reason,
            applicant=f"申请人{key[1:]}号",
        )
    rejected = register_case(
        actor, org=city, respondent=b, received_on=d(2025, 6, 2), applicant="申请人（不予受理）"
    )
    out["rejected"] = recon_services.reject_application(
        case=rejected, actor=actor, rejected_on=d(2025, 6, 5), reason="超过申请期限"
    )
    out["pending"] = register_case(
        actor, org=city, respondent=a, received_on=d(2025, 11, 3), applicant="申请人（待审查）"
    )

    suits = [
        ("s1", a, d(2025, 9, 16), (d(2025, 10, 20), Appearance.DEPUTY), Result.REVOKE, d(2025, 11, 10), "r6"),
        (
            "s2",
            b,
            d(2025, 3, 10),
            (d(2025, 4, 14), Appearance.LAWYER_ONLY),
            Result.DISMISS_CLAIM,
            d(2025, 5, 15),
            "r9",
        ),
        (
            "s3",
            a,
            d(2025, 3, 3),
            (d(2025, 4, 1), Appearance.HEAD),
            Result.CONFIRM_ILLEGAL,
            d(2025, 5, 6),
            None,
        ),
        (
            "s4",
            ca,
            d(2025, 4, 7),
            (d(2025, 5, 12), Appearance.STAFF),
            Result.DISMISS_CLAIM,
            d(2025, 6, 10),
            None,
        ),
        (
            "s6",
            a,
            d(2025, 2, 10),
            (d(2025, 3, 10), Appearance.HEAD),
            Result.DISMISS_CLAIM,
            d(2025, 4, 10),
            None,
        ),
    ]
    for n, (key, defendant, received_on, hearing, result, judged_on, after) in enumerate(suits, start=1):
        out[key] = judged_litigation(
            actor,
            defendant=defendant,
            case_number=f"（2025）青01行初{n}号",
            complaint_received_on=received_on,
            hearing=hearing,
            result=result,
            judged_on=judged_on,
            reconsideration=out[after] if after else None,
        )
    out["s5"] = litigation_case(
        actor,
        defendant=b,
        case_number="（2025）青行终1号",
        complaint_received_on=d(2025, 7, 7),
        court="青海省高级人民法院",
        stage="second",
    )
    return out


# -- import ---------------------------------------------------------------------------------------------
def post_import(client, app: str, data: bytes, name: str = "cases.xlsx"):
    """Upload `data` on the import page of `app` (the page stores it and runs the job)."""
    import io

    from django.urls import reverse

    f = io.BytesIO(data)
    f.name = name
    return client.post(reverse("core-import", kwargs={"app": app}), {"file": f})


def importer_sheet(importer, rows: list[dict]) -> bytes:
    """An .xlsx of an importer's sheet: its headers in row 1, then each row's values by header (missing: blank)."""
    import io

    from openpyxl import Workbook

    headers = [c.header for c in importer.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = importer.sheet_name
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
