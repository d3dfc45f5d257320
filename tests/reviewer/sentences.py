"""Sentences reviewed inside a minimal annual report, for the reviewer's tests."""

from fazhi.reviewer import review_text


def figures(body: str, *, year: int = 2024, traditional: bool = False) -> dict:
    """key → value of the figures the reviewer takes from body, set in a county's report for year."""
    title = f"青石县人民政府关于{year}年度法治政府建设情况的报告"
    if traditional:
        title = f"青石縣人民政府關於{year}年度法治政府建設情況的報告"
    text = f"{title}\n\n一、主要举措和成效\n\n{body}\n\n二、存在的不足\n\n三、{year + 1}年工作安排\n\n持续推进。\n"
    return {k: v["value"] for k, v in review_text(text, "t.txt").as_dict()["indicators"].items()}
