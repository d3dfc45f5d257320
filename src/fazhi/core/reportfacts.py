"""What a domain app contributes to the annual report's draft: sentences its records back (app contract
`report_facts`, core/contract.py).

An app declares dotted paths of functions `facts(org, year) -> list[ReportFact]`; the report builder
(reports/builder/draft.py) calls each for the report's org and year and prints a fact's sentence in the place of
its topic. A topic no record backs is not printed as fact: the draft leaves the author a marked gap there
(【待补充：…】, the topic's description below), which blocks publication until written or removed.

A fact names the record it rests on the way the seed reports do ("制定《澜川市2025年法治政府建设工作要点》
（澜政办〔2025〕12号），明确28项任务…") and may carry figure placeholders (`{{ plans.tasks }}`), which stay live
and traceable like every figure of the report. `basis` says which records (shown beside the sentence on the
builder page), `url` opens them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

#: topic key → (where the draft prints it, the gap left when no record backs it). The keys are the contract:
#: an app's fact names one of them; the draft asks for each in its place.
TOPICS: dict[str, str] = {
    "work_plan": "年度法治政府建设工作要点的制定（名称、文号）和任务分解（责任单位、完成时限）情况",
    "plan_progress": "工作要点任务的推进、督办和完成情况",
    "inspection": "法治督察的开展和发现问题的整改销号情况",
    "assessment": "法治政府建设考评的开展情况",
    "shufa": "党政主要负责人年度述法情况",
    "decision_catalog": "重大行政决策事项目录的编制和公布情况",
    "major_decisions": "重大行政决策履行法定程序（公众参与、专家论证、风险评估、合法性审查、集体讨论决定）情况",
    "leader_study": "政府常务会议会前学法和领导干部集体学法情况",
    "study_list": "领导干部应知应会法律法规清单的制定情况",
    "court_observation": "组织领导干部旁听庭审情况",
    "publicity_duty": "“谁执法谁普法”普法责任清单的落实情况",
    "publicity_events": "宪法宣传周、民法典宣传月等主题普法活动情况",
    "next_year_plan": "下一年度法治政府建设的主要安排",
}


@dataclass(frozen=True)
class ReportFact:
    """One sentence of the report backed by an app's records."""

    topic: str  # a key of TOPICS
    text: str  # the sentence, ending with its punctuation; may hold figure placeholders
    basis: str  # the records it rests on, in Chinese ("工作要点：澜政办〔2025〕12号，28项任务")
    url: str = ""  # a page listing those records ("" when none)
    order: int = 0  # among the facts of one topic, lower first

    def __post_init__(self) -> None:
        if self.topic not in TOPICS:
            raise ValueError(f"unknown report topic {self.topic!r}; known: {', '.join(TOPICS)}")


def page_url(name: str, *args: object) -> str:
    """The address of the page listing a fact's records, or "" where the page is not mounted (a fact's `url`)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
