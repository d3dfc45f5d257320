"""重大行政决策 in the annual report (app contract `report_facts`): the year's 决策事项目录 and the decisions taken
with the statutory steps their records show (合法性审查, 集体讨论决定, 公众参与, 专家论证, 风险评估)."""

from __future__ import annotations

from fazhi.core.reportfacts import ReportFact, page_url

from .choices import ADOPTING_ANSWERS, CatalogStatus, Status
from .models import Decision, DecisionCatalog, PublicComment


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return []
    out = []
    catalog = DecisionCatalog.objects.filter(org=org, year=year).first()
    if catalog is not None and catalog.status == CatalogStatus.PUBLISHED and catalog.published_on:
        listed = Decision.objects.filter(catalog=catalog).exclude(status=Status.WITHDRAWN).count()
        d = catalog.published_on
        text = f"编制{year}年度重大行政决策事项目录，经同级党委同意后于{d.month}月{d.day}日向社会公布"
        if listed:
            text += f"，列入决策事项{listed}项"
        out.append(
            ReportFact(
                "decision_catalog", text + "。", f"{year}年度决策事项目录", page_url("decisions:catalogs")
            )
        )
    decided = list(
        Decision.objects.filter(org=org, discussed_on__year=year)
        .exclude(status=Status.WITHDRAWN)
        .order_by("discussed_on", "id")
    )
    if decided:
        reviewed = sum(1 for d in decided if d.legality_on)
        titles = "、".join(f"“{d.title}”" for d in decided[:2])
        text = f"全年集体讨论决定{titles}{'等' if len(decided) > 2 else ''}重大行政决策{len(decided)}项"
        if reviewed == len(decided):
            text += "，均在提交讨论前经合法性审查"
        elif reviewed:
            text += f"，其中{reviewed}项提交讨论前经合法性审查"
        steps = [
            ("公开征求意见", sum(1 for d in decided if d.comment_start)),
            ("专家论证", sum(1 for d in decided if d.expert_on)),
            ("风险评估", sum(1 for d in decided if d.risk_on)),
        ]
        done = [f"{name}{n}项" for name, n in steps if n]
        if done:
            text += "，履行" + "、".join(done) + "程序"
        comments = list(
            PublicComment.objects.filter(decision__in=decided).values_list("decision_id", "answer")
        )
        basis = f"重大行政决策{len(decided)}项（集体讨论日期在{year}年），{reviewed}项有合法性审查意见"
        if comments:
            online = len({pk for pk, _ in comments})
            adopted = sum(1 for _, a in comments if a in ADOPTING_ANSWERS)
            text += (
                f"；其中{online}项在政府网站逐条公开征求意见，收到公众意见{len(comments)}条，"
                f"采纳（含部分采纳）{adopted}条"
            )
            basis += f"，其中{online}项的公众意见记录{len(comments)}条"
        out.append(ReportFact("major_decisions", text + "。", basis, page_url("decisions:list")))
    return out
