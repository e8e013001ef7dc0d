"""Label text and rank of each feature (:mod:`geo.view.map._labels`)."""

from __future__ import annotations

import pytest

from geo.view.map._labels import (
    RANK_CORRIDOR,
    RANK_COUNTY,
    RANK_NONE,
    RANK_SITE,
    RANK_TOWNSHIP,
    SITE_LABEL_CHARS,
    STACK_TEXT,
    label_fields,
    label_rank,
)


@pytest.mark.parametrize(("layer", "precision", "rank"), [
    ("boundaries", None, RANK_COUNTY),
    ("townships", "site", RANK_TOWNSHIP),
    ("townships", "county", RANK_TOWNSHIP),
    ("corridors", "schematic", RANK_CORRIDOR),
    ("projects", "site", RANK_SITE),
    ("projects", "county", RANK_NONE),
    ("logistics_parks", "township", RANK_NONE),
    ("cooperation_links", "schematic", None),
    ("province_border", None, None),
])
def test_rank_by_layer_and_precision(layer: str, precision: str | None, rank: int | None) -> None:
    assert label_rank(layer, {"precision": precision}) == rank


def test_chinese_first_english_added_in_english_mode() -> None:
    town = {"name": "赶水镇", "name_en": "Ganshui Town", "precision": "site", "located_at": "赶水镇"}
    assert label_fields("townships", town, "zh") == {"lb": "赶水镇", "rk": 1, "pr": "site", "at": "赶水镇"}
    assert label_fields("townships", town, "en")["lb2"] == "Ganshui Town"
    line = {"name": "渝贵铁路", "name_en": "Chongqing–Guiyang Railway"}
    assert label_fields("corridors", line, "en")["lb"] == "渝贵铁路 Chongqing–Guiyang Railway"  # one line along it


def test_long_site_names_are_cut_and_unnamed_features_get_no_label() -> None:
    long_name = "丁山万佛峡体育公园户外运动设施建设项目"
    fields = label_fields("projects", {"name": long_name, "precision": "site"}, "zh")
    assert len(fields["lb"]) == SITE_LABEL_CHARS and fields["lb"].endswith("…")
    assert label_fields("projects", {"name": "", "precision": "site"}, "zh") == {}
    assert label_fields("province_border", {"name": "省界"}, "zh") == {}


def test_stack_words_exist_in_both_languages() -> None:
    assert set(STACK_TEXT["zh"]) == set(STACK_TEXT["en"])
    assert "{place}" in STACK_TEXT["en"]["stack_seat"] and "{n}" in STACK_TEXT["zh"]["stack_seat"]
