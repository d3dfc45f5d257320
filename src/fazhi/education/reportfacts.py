"""学法 in the annual report (app contract `report_facts`): the government's 会前学法 with the laws studied, the
应知应会 list, and the 旁听庭审 by court and case. A department's own report: its 党组（党委）会议会前学法 and
集体学法 with the laws studied, and the 旁听庭审 it organised."""

from __future__ import annotations

from fazhi.core.reportfacts import ReportFact, page_url

from .choices import LEADER_KINDS, SessionKind
from .models import StudyListItem, StudySession


def _laws(sessions) -> list[str]:
    out: list[str] = []
    for s in sessions:
        for law in s.laws.replace("，", "、").replace(",", "、").split("、"):
            law = law.strip().strip("《》").strip()
            if law and f"《{law}》" not in out:
                out.append(f"《{law}》")
    return out


def _studied(sessions) -> str:
    """ "，学习《宪法》、《民法典》等法律法规" for the laws the sessions name, or "" when they name none."""
    laws = _laws(sessions)
    if not laws:
        return ""
    return f"，学习{'、'.join(laws[:4])}{'等' if len(laws) > 4 else ''}法律法规"


def _court(sessions: list[StudySession]) -> ReportFact:
    s = sessions[0]
    where = f"到{s.court}" if s.court else ""
    case = f"“{s.court_case}”" if s.court_case else "行政案件"
    text = f"组织领导干部{where}旁听{case}庭审" + (f"等{len(sessions)}场" if len(sessions) > 1 else "")
    return ReportFact(
        "court_observation", text + "。", f"旁听庭审记录{len(sessions)}次", page_url("education:list")
    )


def _unit_facts(unit, year: int) -> list[ReportFact]:
    """A department's report: the study sessions it held for its leaders, and its 旁听庭审."""
    own = StudySession.objects.filter(unit=unit, held_on__year=year).order_by("held_on", "id")
    leader = list(own.filter(kind__in=LEADER_KINDS))
    out = []
    if leader:
        pre = sum(s.kind == SessionKind.PRE_MEETING for s in leader)
        group = len(leader) - pre
        done = []
        if pre:
            done.append(f"会前学法{pre}次")
        if group:
            done.append(f"理论学习中心组集体学法{group}次")
        text = "全年组织党组（党委）" + "、".join(done) + _studied(leader)
        basis = f"领导干部学法记录{len(leader)}次"
        out.append(ReportFact("leader_study", text + "。", basis, page_url("education:list")))
    court = list(own.filter(kind=SessionKind.COURT))
    if court:
        out.append(_court(court))
    return out


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return _unit_facts(org, year)
    out = []
    own = StudySession.objects.filter(org=org, unit=org, held_on__year=year).order_by("held_on", "id")
    pre = list(own.filter(kind=SessionKind.PRE_MEETING))
    if pre:
        text = f"坚持政府常务会议会前学法制度，全年会前学法{len(pre)}次" + _studied(pre)
        out.append(
            ReportFact("leader_study", text + "。", f"会前学法记录{len(pre)}次", page_url("education:list"))
        )
    court = list(StudySession.objects.filter(org=org, kind=SessionKind.COURT, held_on__year=year))
    if court:
        out.append(_court(court))
    items = StudyListItem.objects.filter(org=org, year=year).count()
    if items:
        text = f"制定{year}年度领导干部应知应会法律法规清单，列入法律法规{items}部。"
        out.append(ReportFact("study_list", text, f"学法清单{items}项", page_url("education:study_list")))
    return out
