"""The benchmark's synthetic records keep the data contract, and its helpers behave."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench.run import format_table, parse_scale
from bench.synthetic import SYNTHETIC_SOURCE, make_synthetic, replica_town_name
from bench.viewer import ViewerResult
from geo import config
from geo.boundaries import load_counties
from geo.gazetteer import load_gazetteer
from geo.layers import build_layers
from geo.records import load_all_records
from geo.validate import check_layers


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):
    return make_synthetic(3, tmp_path_factory.mktemp("synthetic"))


def test_replicas_are_valid_records_three_times_the_plan(synthetic) -> None:
    records = load_all_records(synthetic.seeds)  # schemas and set checks pass
    plan = load_all_records(config.seeds_dir())
    for kind in config.RECORD_FILES:
        assert len(records[kind]) == 3 * len(plan[kind])
    ids = [r["id"] for recs in records.values() for r in recs]
    assert len(ids) == len(set(ids))
    towns = {t["name"] for t in records["townships"]}
    assert all(p.split("@")[0] in towns for t in records["townships"] for p in t.get("partners", []))


def test_replicas_build_into_layers_that_pass_the_contract(synthetic) -> None:
    counties = load_counties()
    layers = build_layers(load_all_records(synthetic.seeds), load_gazetteer(synthetic.gazetteer), counties)
    assert check_layers(layers, counties) == []
    plan_points = len(load_all_records(config.seeds_dir())["projects"])
    assert len(layers["projects"]) == 3 * plan_points
    projects = layers["projects"]
    assert (projects["coord_source"] == SYNTHETIC_SOURCE).sum() > plan_points  # spread over the region
    assert projects.geometry.round(3).nunique() > len(projects) // 3


def test_synthetic_gazetteer_is_deterministic(tmp_path: Path, synthetic) -> None:
    again = make_synthetic(3, tmp_path)
    first = list(csv.reader(synthetic.gazetteer[-1].open(encoding="utf-8")))
    assert list(csv.reader(again.gazetteer[-1].open(encoding="utf-8"))) == first


def test_replica_town_name_keeps_the_level_suffix() -> None:
    assert replica_town_name("赶水镇", 7) == "赶水7镇"
    assert replica_town_name("古南街道", 2) == "古南2街道"
    assert replica_town_name("坭坝乡", 3) == "坭坝3乡"
    with pytest.raises(ValueError):
        make_synthetic(0, Path("/nonexistent"))


def test_parse_scale_and_table() -> None:
    assert parse_scale("plan") == 1 and parse_scale("100x") == 100
    with pytest.raises(ValueError):
        parse_scale("big")
    table = format_table([{"scale": "plan", "features": 3, "build_s": 0.5, "payload_bytes": 2048,
                           "filter_redraw_p50_ms": float("nan"), "errors": ["ours: boom"]}])
    assert "plan" in table and "2" in table and "plan: ours: boom" in table


def test_viewer_result_quantiles() -> None:
    result = ViewerResult(redraw_ms=[float(v) for v in range(1, 21)])
    assert result.p(0.5) == pytest.approx(10.5)
    assert 19 <= result.p(0.95) <= 20
    assert ViewerResult().p(0.5) != ViewerResult().p(0.5)  # NaN
