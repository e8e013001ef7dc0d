"""Search keys in Chinese, pinyin (read by phrase) and English (:mod:`geo.search`)."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo.search import normalise_text, pinyin_of, query_matches, search_keys, text_mask

#: Names whose characters have several readings, with the pinyin a user types.
POLYPHONIC_NAMES: tuple[tuple[str, str], ...] = (
    ("万佛峡", "wanfoxia"),
    ("佛影峡", "foyingxia"),
    ("金佛山", "jinfoshan"),
    ("牟坪", "mouping"),
    ("长征", "changzheng"),
    ("重庆", "chongqing"),
    ("綦江", "qijiang"),
    ("石壕", "shihao"),
    ("打通", "datong"),
    ("尧龙山", "yaolongshan"),
    ("东溪", "dongxi"),
    ("横山", "hengshan"),
    ("寨坝", "zhaiba"),
    ("土城", "tucheng"),
    ("万盛", "wansheng"),
    ("新盛", "xinsheng"),
    ("扶欢", "fuhuan"),
    ("丁山", "dingshan"),
    ("桐梓", "tongzi"),
    ("古剑山", "gujianshan"),
    ("大坡", "dapo"),
    ("赶水", "ganshui"),
)


@pytest.mark.parametrize(("name", "query"), POLYPHONIC_NAMES)
def test_polyphonic_name_found_by_its_reading(name: str, query: str) -> None:
    assert query in pinyin_of(name)
    assert query_matches(query, search_keys([name]))
    assert query_matches(query, search_keys([f"桐梓{name}漂流项目"]))  # read by phrase inside a longer name


@pytest.mark.parametrize(("name", "query"), POLYPHONIC_NAMES)
def test_every_feature_holding_a_polyphonic_name_is_found(
        built_layers: dict[str, gpd.GeoDataFrame], name: str, query: str) -> None:
    for layer, frame in built_layers.items():
        if "name" not in frame.columns:
            continue
        holding = frame.index[frame["name"].astype(str).str.contains(name, regex=False)]
        found = frame.index[text_mask(frame, query)]
        missing = holding.difference(found)
        assert missing.empty, (layer, name, query, list(frame.loc[missing, "name"]))


def test_tone_marks_spaces_and_case_fold_away() -> None:
    keys = search_keys(["赶水镇", "Ganshui Town"])
    for query in ("赶水", "ganshui", "Ganshui", "gan shui", "Gānshuǐ", "town"):
        assert query_matches(query, keys)
    assert not query_matches("dongxi", keys)
    assert normalise_text("Gān Shuǐ-Town") == "ganshuitown"


def test_empty_query_keeps_every_row() -> None:
    frame = gpd.GeoDataFrame({"name": ["万佛峡漂流", "东溪镇"]})
    assert text_mask(frame, "").all() and text_mask(frame, None).all()
    assert list(text_mask(frame, "wanfo")) == [True, False]


@pytest.mark.parametrize("text", ["点12", "万佛峡漂流2号", "G75兰海高速", "綦江-桐梓 合作", "a佛b影峡c", "〇号",
                                  "金佛山", "渝黔合作 <b>示范</b>", "2022年", "Gān Shuǐ镇"])
def test_pinyin_read_run_by_run_is_pypinyins_reading_of_the_whole(text: str) -> None:
    from pypinyin import Style, lazy_pinyin

    pinyin_of("万佛峡")  # loads the phrase readings
    assert pinyin_of(text) == normalise_text("".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")))


def _names(*names_en: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": ["老鹰山国家地质公园", "赶水镇", "古剑山"][:len(names_en)],
                             "name_en": list(names_en)}, geometry=[None] * len(names_en))


def test_english_words_match_apart_and_in_any_case() -> None:
    """Issue 29 item 7: "Laoyingshan Geopark" finds the "Laoyingshan National Geopark" (fails on main)."""
    from geo.search import query_words

    frame = _names("Laoyingshan National Geopark", "Ganshui Town", "Gujian Mountain")
    assert text_mask(frame, "Laoyingshan Geopark").tolist() == [True, False, False]
    assert text_mask(frame, "geopark LAOYINGSHAN").tolist() == [True, False, False]
    assert text_mask(frame, "Laoyingshan Museum").tolist() == [False, False, False]  # every word, not any
    assert query_matches("national  laoyingshan", search_keys(["Laoyingshan National Geopark"]))
    assert query_words("Laoyingshan, Geopark") == ("laoyingshan", "geopark")
    assert query_words("ganshui") == ()


def test_word_matching_keeps_the_single_word_rules() -> None:
    frame = _names("Laoyingshan National Geopark", "Ganshui Town", "Gujian Mountain")
    assert text_mask(frame, "ganshui").tolist() == [False, True, False]
    assert text_mask(frame, "gan shui").tolist() == [False, True, False]  # the joined query still matches
    assert text_mask(frame, "Xyzzy Park").tolist() == [False, False, False]
