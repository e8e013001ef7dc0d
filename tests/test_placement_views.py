"""Issue 28: what reads the layers survives features without geometry and MultiPoints.

Route tool, map halos, map data, tables and the printed map, on the committed layers, where
太白古镇 (rt-folk, 5th stop) has no geometry and 红缨子高粱基地 is a MultiPoint at four town seats.
"""

from __future__ import annotations

import json
import math

from geo.publish._legend_rows import legend_rows, precision_note
from geo.view.map import highlight_group, map_data_text, prepare_layer
from geo.view.tables import feature_table
from geo.view.tools._routes import stop_table


def test_the_route_table_lists_an_unplaced_stop_without_a_leg(built_layers) -> None:
    table = stop_table(built_layers["tourism_stops"], "rt-folk")
    assert list(table["name"])[4] == "太白古镇"
    taibai, after = table.iloc[4], table.iloc[5]
    assert math.isnan(taibai["leg_km"]) and math.isnan(taibai["cum_km"])
    # the next leg runs from 土城古镇, the last placed stop, as the route's line does
    assert after["cum_km"] == round(table.iloc[3]["cum_km"] + after["leg_km"], 1)
    assert after["leg_km"] > 0


def test_halos_skip_unplaced_features_and_ring_each_point_of_a_multipoint(built_layers) -> None:
    stops = built_layers["tourism_stops"]
    folk = stops[stops["route_id"] == "rt-folk"]
    group = highlight_group(None, folk)
    assert len(group._children) == len(folk) - 1  # no ring for 太白古镇
    projects = built_layers["projects"]
    sorghum = projects[projects["id"] == "pj-sorghum-base"]
    assert len(highlight_group(None, sorghum)._children) == 4


def test_map_data_and_tables_carry_unplaced_features(built_layers) -> None:
    prepared = {name: prepare_layer(name, frame, "en") for name, frame in built_layers.items()}
    data = json.loads(map_data_text(prepared))
    tips = [f for f in data["tourism_stops"] if f["geometry"] is None]
    assert len(tips) == 3  # 太白古镇, 国道210沿线, 川黔古道沿线: in the file, not drawn (Leaflet skips null)
    kinds = {f["geometry"]["type"] for f in data["projects"] if f["geometry"]}
    assert kinds == {"Point", "MultiPoint"}
    table = feature_table({"tourism_stops": built_layers["tourism_stops"]}, "en")
    row = table[table["id"] == "st-folk-taibai"].iloc[0]
    assert "position unknown" in row.to_numpy()


def test_the_printed_legend_counts_unplaced_features_in_its_note_not_as_a_symbol(built_layers) -> None:
    zh, en = precision_note(built_layers)
    # 13 since issue 26's waiting features were recorded (渝南水资源配置工程, 环綦电子封控圈, 豹子岩特大桥, 綦江南互通)
    assert "13 项位置不明，未绘出" in zh and "13 features of unknown position are not drawn" in en
    labels = [row.label for row in legend_rows(built_layers, "en")]
    assert not any(label.startswith("position unknown") for label in labels)
