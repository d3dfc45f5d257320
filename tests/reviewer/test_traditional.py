"""Texts in traditional characters (繁體) are read as their simplified form: which text is traditional is told by
the maintained converter (OpenCC's tables, pinned in pyproject.toml) rather than a hand list of characters, and a
reprint's pinyin glosses ("發(fā)布", "調(diào)解") do not split the words they stand in. Measured in bench/review_fresh."""

from fazhi.reviewer.text import is_traditional, normalise

from .sentences import figures


def test_a_short_traditional_text_is_told_by_the_converter():
    # Only two characters differ from simplified script ("復議"): still a traditional text.
    assert is_traditional("全年新收行政復議案件120件。")
    assert "行政复议案件120件" in normalise("全年新收行政復議案件120件。")


def test_a_simplified_text_quoting_a_traditional_name_is_not_converted():
    text = "全年新收行政复议案件120件,审结118件。" * 20 + "参加《臺灣地區》研讨。"
    assert not is_traditional(text)
    assert normalise("乾隆年间的档案著录工作。") == "乾隆年间的档案著录工作。\n"


def test_pinyin_glosses_are_dropped():
    assert normalise("司法部發(fā)布《行政復議工作白皮書》") == "司法部发布《行政复议工作白皮书》\n"
    assert normalise("通過調(diào)解、和解方式結(jié)案") == "通过调解、和解方式结案\n"


def test_glossed_wordings_yield_their_figures():
    got = figures(
        "全縣新收行政復議案件1,200件。通過調(diào)解、和解方式結(jié)案167件,糾正違法或不當行政行為58件,糾錯率為12.07%。",
        traditional=True,
    )
    assert got["reconsideration.received"] == 1200
    assert got["reconsideration.mediated"] == 167
    assert got["reconsideration.corrected"] == 58


def test_a_proposal_named_without_its_body_in_a_sentence_about_the_cppcc():
    got = figures("市政協六屆一次會議以來,交由市政府辦理的提案共92件,其中集體提案25件。", traditional=True)
    assert got["supervision.cppcc_proposals"] == 92


def test_a_sentence_naming_no_topic_goes_on_with_the_previous_sentences_subject():
    # The courts and 信访 are named in the first sentence only as a comparison; its subject is 行政复议.
    got = figures(
        "全縣新收行政復議案件1,200件,達到同期法院一審行政案件的2.5倍,信訪數量有所下降。"
        "通過調解、和解方式結案167件。",
        traditional=True,
    )
    assert got["reconsideration.mediated"] == 167
