"""中华人民共和国民事诉讼法 (2023-09-01): no period of its own here; its 第八十五条 (how periods are counted) applies
to 行政复议 (复议法 第八十八条第一款) and to 行政诉讼 (行政诉讼法 第一百零一条); see fazhi.law.deadlines."""

LAW = "中华人民共和国民事诉讼法"
