"""How the scanner reads a feature's stage, round 2: rules from documents it had not seen (issue 26).

Each rule answers a general cause of the status misses of held-out sets 6 and 7 (a careful reader's
rule of Chinese news and plans, not a phrase of one document) and is tested on made-up sentences;
every test failed on the classifier before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found

# --- a topic's stage told in the next sentence ----------------------------------------------------------------


def test_a_sentence_naming_nothing_carries_its_stage_to_the_previous_topic(dictionary: Dictionary) -> None:
    assert _found("甲乙高速又有新进展：预计今年底达到通车条件。\n\n目前各项工程建设有序推进。", dictionary) == {
        "甲乙高速": "under_construction"}
    # a date clause, or a short speaker clause before the present, opens such a sentence too
    assert _found("甲乙高铁是全线的关键工程。2025年，高铁如期开通。", dictionary) == {"甲乙高铁": "existing"}
    assert _found("“甲乙高速通车后，到某市只要1小时。”某某说，目前这一路段已经动工，预计年内通车。",
                  dictionary) == {"甲乙高速": "start_construction"}


def test_the_next_sentence_is_carried_only_when_it_continues_the_topic(dictionary: Dictionary) -> None:
    # guards (these held before the round): the next sentence names its own feature, or opens with
    # another subject; the mention is not its sentence's topic
    assert _found("甲乙高速又有新进展。丙丁高速目前正加快建设。", dictionary)["甲乙高速"] is None
    assert _found("甲乙高速的大致走向是：从某地出发。某县已规划多条道路。", dictionary) == {"甲乙高速": None}
    assert _found("其目的是经甲乙铁路连接某地。项目计划今年底建成投用。", dictionary) == {"甲乙铁路": None}


# --- a present state told by its result ------------------------------------------------------------------------


def test_a_result_after_zhici_states_the_present(dictionary: Dictionary) -> None:
    text = "至此，某区铁路网形成“1高2铁”（甲乙高铁、丙丁铁路、戊己铁路）的新格局，总运营里程达173公里。"
    assert set(_found(text, dictionary).values()) == {"existing"}
    # guard: a goal (``到…年，形成``) or a future result states no present
    assert set(_found("到2030年，形成以甲乙高铁、丙丁铁路为骨架的铁路网。", dictionary).values()) == {None}
    assert set(_found("至此，将形成以甲乙高铁、丙丁铁路为骨架的铁路网。", dictionary).values()) == {None}


def test_a_run_in_heading_over_prose_is_no_list_lead(dictionary: Dictionary) -> None:
    text = ("某区全面完成各项任务，累计完成固定资产投资40亿元。\n"
            "铁路圆梦：从末梢到枢纽。过去虽有甲乙铁路、丙丁铁路等线路，但速度一直是瓶颈。")
    assert _found(text, dictionary) == {"甲乙铁路": None, "丙丁铁路": None}
    # guard: a labelled list line still takes its lead-in sentence's stage
    assert _found("今年各个在建项目都有好消息。\n六横：甲乙铁路、丙丁铁路。", dictionary) == {
        "甲乙铁路": "under_construction", "丙丁铁路": "under_construction"}


def test_a_place_in_a_colons_lead_is_where_not_what(dictionary: Dictionary) -> None:
    text = "某报获悉，滨江新城规划区内的在建重点项目已全部复工复产：甲乙隧道工程、丙丁大桥。"
    assert _found(text, dictionary) == {"滨江新城": None, "甲乙隧道工程": "under_construction",
                                        "丙丁大桥": "under_construction"}


# --- words that look like a stage and are not ------------------------------------------------------------------


def test_a_works_verb_describing_a_noun_is_no_stage(dictionary: Dictionary) -> None:
    text = "随着甲乙高速和丙丁高速先后开工，某县迎来新机遇。良好的施工环境为两条高速打下了基础，甲乙高速提前交地。"
    assert _found(text, dictionary)["甲乙高速"] is None  # its last mention says no stage
    assert _found("其中，甲乙站配套交通设施工程主要包括站前广场。", dictionary) == {"甲乙站": None}
    assert _found("8点在甲乙铺轨道1号线出口上车，到丙丁古镇游玩。", dictionary)["丙丁古镇"] is None


def test_a_run_of_stage_words_ending_in_a_condition_is_a_condition(dictionary: Dictionary) -> None:
    assert _found("甲乙高速竣工通车后，旅游圈各板块都将形成环线。", dictionary) == {"甲乙高速": None}


def test_a_progress_figure_and_a_present_clause_state_works_going_on(dictionary: Dictionary) -> None:
    assert _found("某通道建设项目进展顺利，甲乙高速、丙丁高速扩容工程的形象进度分别达到98%、70%。", dictionary) == {
        "甲乙高速": "under_construction", "丙丁高速扩容工程": "under_construction"}
    text = ("这次贯通的甲乙高速全长约26公里，设计时速100公里，双向四车道，"
            "目前全线正加快推进路面施工，预计今年底具备通车条件。")
    assert _found(text, dictionary) == {"甲乙高速": "under_construction"}


def test_vocabulary_of_news_a_start_written_kaijian(dictionary: Dictionary) -> None:
    assert _found("甲乙隧道去年11月开建，主要采用非爆方式作业。", dictionary) == {"甲乙隧道": "start_construction"}


def test_in_full_swing_before_or_after_the_name_is_works_going_on(dictionary: Dictionary) -> None:
    found = _found("陆续通车的各条高速公路，加上正如火如荼建设的甲乙高铁，使某市的交通格局走向立体化。", dictionary)
    assert found["甲乙高铁"] == "under_construction"
