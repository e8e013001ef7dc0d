"""The edit panel's input checks and the popup rows of edited features (no Streamlit run)."""

from __future__ import annotations

from _paths import DATA

from geo._edit_values import is_status_date
from geo.store import load_layers
from geo.view.edit._forms import (
    coords_text,
    date_ok,
    editable_features,
    geojson_geometry,
    parse_coords,
    position_problems,
    text_problems,
)
from geo.view.edit._geometry_map import drawn_coordinates, edit_map
from geo.view.files._assets import AssetUrls, external_urls
from geo.view.map._edit_rows import edit_rows
from geo.view.map._popups import popup_html

TEST_LAYERS = DATA / "layers"


def test_pasted_coordinates_lines_semicolons_and_geojson() -> None:
    assert parse_coords("106.6, 28.9\n106.7 28.8；") == ([[106.6, 28.9], [106.7, 28.8]], [])
    assert parse_coords("106.6,28.9;106.7,28.8") == ([[106.6, 28.9], [106.7, 28.8]], [])
    assert parse_coords('{"type": "LineString", "coordinates": [[106.6, 28.9], [106.7, 28.8]]}')[0] == \
        [[106.6, 28.9], [106.7, 28.8]]
    coords = [[106.612345, 28.912345], [106.7, 28.8]]
    assert parse_coords(coords_text(coords)) == (coords, [])


def test_bad_coordinates_are_all_reported_with_their_line() -> None:
    coords, problems = parse_coords("28.9, 106.6\nfoo\n106.6, 28.9, 5")
    assert any(p.startswith("#1") and "swapped" in p for p in problems)
    assert any(p.startswith("#2") for p in problems) and any(p.startswith("#3") for p in problems)
    assert parse_coords("106.6, 28.9")[1] == ["a line needs at least 2 points"]
    assert position_problems(float("nan"), 1.0) == ["not a number"]


def test_dates_sources_and_geometry() -> None:
    assert date_ok("2026") and date_ok("2026-06") and date_ok("2026-06-30")
    assert not date_ok("2026-13") and not date_ok("六月") and not date_ok("2026-6")
    assert text_problems("", "") == ["edit_need_source"]
    assert text_problems("", "", source_required=False) == []
    assert geojson_geometry("point", [[106.1234567, 28.0]]) == {"type": "Point", "coordinates": [106.123457, 28.0]}


def test_editable_features_are_points_and_lines_with_labels() -> None:
    options = editable_features(load_layers(TEST_LAYERS))
    layers = {layer for layer, _ in options.values()}
    assert layers == {"projects", "logistics_parks", "townships", "tourism_stops", "corridors", "tourism_routes"}
    assert any(label.endswith("· pj-002") and "桐梓水库" in label for label in options)


def test_edit_map_is_offline_and_reports_drawings() -> None:
    fmap = edit_map("line", [[106.6, 28.9], [106.8, 28.5]], "gaode", "zh", AssetUrls(base="../assets"))
    html = fmap.get_root().render()
    assert "leaflet-geoman.js" in html and "draw:created" in html
    assert external_urls(fmap) == []
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.5, 28.1]}}
    assert drawn_coordinates(point, "point") == [[106.5, 28.1]]
    assert drawn_coordinates(point, "line") is None
    assert drawn_coordinates(None, "point") is None


def test_popup_of_an_edited_feature_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    properties = {"name": "桐梓水库", "status": "planned", "moved_by": "li<b>", "moved_at": "2026-11-02T08:00:00Z",
                  "coord_source": hostile, "latest_status": "under_construction", "latest_status_date": "2026-06",
                  "latest_status_source": "<img src=x onerror=alert(1)>", "edit_notes": hostile,
                  "changed_since_plan": True}
    rows = dict(edit_rows(properties, "zh"))
    assert rows["popup_moved"].startswith("li<b> 于 2026-11-02 08:00 UTC")
    assert "在建" in rows["popup_latest_status"] and rows["popup_plan_status"] == "规划"
    html = popup_html("projects", properties, "zh")
    assert "<script>" not in html and "<img" not in html and "li<b>" not in html
    assert "&lt;script&gt;" in html and "自规划以来有变化" in html
    assert edit_rows({"name": "x", "status": "planned", "latest_status": "planned"}, "zh") == []


def test_edits_in_force_follow_reverts_of_reverts() -> None:
    from types import SimpleNamespace

    from geo.view.edit._history import edits_in_force

    def edit(edit_id: int, field: str, reverts: int | None = None) -> SimpleNamespace:
        return SimpleNamespace(edit_id=edit_id, field=field, reverts=reverts)

    log = [edit(1, "geometry"), edit(2, "status"), edit(3, "revert", 1)]
    assert [e.edit_id for e in edits_in_force(log)] == [3, 2]
    log.append(edit(4, "revert", 3))  # re-applies edit 1
    assert [e.edit_id for e in edits_in_force(log)] == [4, 2, 1]


def test_audit_trail_values_are_readable() -> None:
    from geo.view.edit._history import readable_value

    assert readable_value('{"type":"Point","coordinates":[106.68069,28.54082]}', "zh") == "106.68069, 28.54082"
    assert readable_value('{"type":"LineString","coordinates":[[1,2],[3,4],[5,6]]}', "en") == "LineString · 3 points"
    assert readable_value('"under_construction"', "zh") == "在建 (under_construction)"
    assert readable_value('"<b>note</b>"', "zh") == "<b>note</b>"  # a dataframe cell: text, never HTML
    assert readable_value(None, "zh") == "" and readable_value("not json", "zh") == "not json"


def test_the_edit_panel_reads_the_precision_classes_and_the_date_rule_of_config() -> None:
    """The panel and the store (:mod:`geo.edits`) check an edit by one rule: :mod:`geo.config`'s."""
    from geo import config
    from geo.view.edit import _forms

    assert _forms.POINT_PRECISIONS is config.EDIT_POINT_PRECISIONS
    assert _forms.LINE_PRECISIONS is config.EDIT_LINE_PRECISIONS
    for value in ("2026", "2026-06", "2026-06-30", "2026-12-01"):
        assert is_status_date(value) and _forms.date_ok(value)
