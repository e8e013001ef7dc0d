"""The township tool's table and partner names (issue 29 items 5 and 9), without a browser."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.view.tools._panel import nearby_table, partner_labels


def _nearby() -> pd.DataFrame:
    return pd.DataFrame({"layer": ["townships", "projects"], "id": ["tw-006", "pj-002"], "name": ["坡渡镇", "桐梓水库"],
                         "name_en": ["Podu Town", None], "county": ["桐梓县", "桐梓县"], "distance_km": [12.34, 20.0]})


def test_the_table_holds_name_distance_and_layer_only() -> None:
    zh = nearby_table(_nearby(), "zh")
    assert list(zh.columns) == ["名称", "距离（公里）", "图层"]
    assert zh.iloc[0].tolist() == ["坡渡镇", 12.34, "乡镇（街道）"]
    en = nearby_table(_nearby(), "en")
    assert list(en.columns) == ["Name", "Distance (km)", "Layer"]
    assert en["Name"].tolist() == ["Podu Town", "桐梓水库"]  # no English name: the Chinese one


def test_partners_in_english_carry_both_names() -> None:
    towns = gpd.GeoDataFrame({"name": ["坡渡镇", "温水镇", "寨坝镇"], "name_en": ["Podu Town", "Wenshui Town", None]},
                             geometry=[None] * 3)
    assert partner_labels(towns, ["坡渡镇", "寨坝镇"], "zh") == ["坡渡镇", "寨坝镇"]
    assert partner_labels(towns, ["坡渡镇", "寨坝镇"], "en") == ["Podu Town (坡渡镇)", "寨坝镇"]
