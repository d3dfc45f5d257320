"""学法 in the annual report (app contract `report_facts`): the government's 会前学法 with the laws studied, the
应知应会 list, and the 旁听庭审 by court and case."""

from __future__ import annotations

from fazhi.core.reportfacts import ReportFact, page_url

from .choices import SessionKind
from .models import StudyListItem, StudySession


def _laws(sessions) -> list[str]:
    out: list[str] = []
    for s in sessions:
        for law in s.laws.replace("，", "、").replace(",", "、").split("、"):
            law = law.strip().strip("《》").strip()
            if law and f"《{law}》" not in out:
                out.append(f"《{law}》")
    return out


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return []
    out = []
    own = StudySession.objects.filter(org=org, unit=org, held_on__year=year).order_by("held_on", "id")
    pre = list(own.filter(kind=SessionKind.PRE_MEETING))
    if pre:
        laws = _laws(pre)
        text = f"坚持政府常务会议会前学法制度，全年会前学法{len(pre)}次"
        if laws:
            text += f"，学习{'、'.join(laws[:4])}{'等' if len(laws) > 4 else ''}法律法规"
        out.append(
            ReportFact("leader_study", text + "。", f"会前学法记录{len(pre)}次", page_url("education:list"))
        )
    court = list(StudySession.objects.filter(org=org, kind=SessionKind.COURT, held_on__year=year))
    if court:
        s = court[0]
        where = f"到{s.court}" if s.court else ""
        case = f"“{s.court_case}”" if s.court_case else "行政案件"
        text = f"组织领导干部{where}旁听{case}庭审"
        if len(court) > 1:
            text += f"等{len(court)}场"
        out.append(
            ReportFact(
                "court_observation", text + "。", f"旁听庭审记录{len(court)}次", page_url("education:list")
            )
        )
    items = StudyListItem.objects.filter(org=org, year=year).count()
    if items:
        text = f"制定{year}年度领导干部应知应会法律法规清单，列入法律法规{items}部。"
        out.append(ReportFact("study_list", text, f"学法清单{items}项", page_url("education:study_list")))
    return out
