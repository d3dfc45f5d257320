"""Who wrote the report, for which jurisdiction and year."""

import pytest

from fazhi.reviewer.metadata import extract_metadata, jurisdiction_of
from fazhi.reviewer.text import normalise


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("临夏回族自治州人民政府", "临夏回族自治州"),
        ("叶城县司法局", "叶城县"),
        ("新疆维吾尔自治区喀什地区叶城县人民政府", "叶城县"),
        ("郑州市金水区人民政府", "金水区"),
        ("郑州市人民政府", "郑州市"),
        ("山西省临汾市人民政府", "临汾市"),
        ("海东市人民政府办公室", "海东市"),
    ],
)
def test_jurisdiction_of_an_authority(name, place):
    assert jurisdiction_of(name) == place


@pytest.mark.parametrize(
    ("head", "authority", "place", "year"),
    [
        ("青石县人民政府关于2023年度法治政府建设情况的报告", "青石县人民政府", "青石县", 2023),
        ("青石县司法局2023年法治政府建设工作报告", "青石县司法局", "青石县", 2023),
        ("2023年度青石县法治政府建设情况报告", "", "青石县", 2023),
        ("关于白河市二〇二三年度法治政府建设情况的报告", "", "白河市", 2023),
        ("北京市海淀区人民政府2020年法治政府建设年度情况报告", "北京市海淀区人民政府", "海淀区", 2020),
    ],
)
def test_title_forms(head, authority, place, year):
    md = extract_metadata(normalise(f"{head}\n\n正文。\n"))
    assert (md.authority, md.jurisdiction, md.year) == (authority, place, year)


def test_letterhead_number_addressee_and_signature():
    text = normalise(
        "白河市人民政府文件\n白政发〔2024〕7号\n关于2023年度法治政府建设情况的报告\n市委、市人大常委会：\n"
        "2023年，我市……。\n白河市人民政府\n2024年3月8日\n"
    )
    md = extract_metadata(text)
    assert md.authority == "白河市人民政府" and md.jurisdiction == "白河市"
    assert md.doc_number == "白政发〔2024〕7号"
    assert md.addressee == "市委、市人大常委会"
    assert md.date == "2024-03-08" and md.year == 2023


def test_signature_when_there_is_no_letterhead():
    md = extract_metadata(
        normalise("2023年度法治政府建设情况报告\n正文。\n南山县人民政府\n二〇二四年三月一日\n")
    )
    assert md.authority == "南山县人民政府" and md.jurisdiction == "南山县" and md.date == "2024-03-01"


def test_a_plan_is_not_an_annual_report():
    md = extract_metadata(normalise("海东市人民政府办公室关于印发海东市2024年法治政府建设工作要点的通知\n"))
    assert md.is_annual_report is False


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("2023年,通州区坚持以习近平法治思想为指导,全面推进法治政府建设。", "通州区"),
        ("2022年,永嘉县司法局在县委、县政府的正确领导下,扎实推进法治政府建设。", "永嘉县"),
        ("2024年,在市委、市政府的正确领导下,中原区坚持以习近平法治思想为指导。", "中原区"),
        ("滑县万古镇人民政府关于2025年法治政府建设情况的报告\n\n2025年,万古镇……。", "万古镇"),
    ],
)
def test_place_without_a_title(text, place):
    assert extract_metadata(normalise(text)).jurisdiction == place


def test_a_cited_document_number_is_not_the_reports():
    text = normalise(
        "根据《督察工作规定》(厅字〔2019〕28号)有关规定,现将县人民政府2022年法治政府建设工作情况报告如下。\n"
    )
    assert extract_metadata(text).doc_number == ""


def test_a_title_is_not_joined_to_the_first_paragraph():
    text = normalise(
        "镇海区司法局2022年法治政府建设工作报告\n2022年度,镇海区司法局坚持以习近平法治思想为指导,紧紧围绕中心工作。\n"
    )
    md = extract_metadata(text)
    assert md.title == "镇海区司法局2022年法治政府建设工作报告" and md.jurisdiction == "镇海区"
