"""Gazetteer: name normalisation, loading and the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo._errors import RecordError
from geo.gazetteer import load_gazetteer, normalize_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("赶水镇", "赶水"),
        ("古南街道", "古南"),
        ("坭坝乡", "坭坝"),
        ("赶水站", "赶水"),
        ("綦江古剑山", "古剑山"),
        ("桐梓 娄山关", "娄山关"),
        ("綦江区", "綦江"),
        ("丁山", "丁山"),
        ("（长征）公园", "长征公园"),
        ("ＡＢ镇", "ab"),
    ],
)
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


def test_mini_gazetteer_indexes(mini_gazetteer) -> None:
    assert len(mini_gazetteer) == 10
    assert [p.id for p in mini_gazetteer.by_alias["泥坝乡"]] == ["tw-nijia"]
    assert {p.id for p in mini_gazetteer.by_name["新站镇"]} == {"tw-xinzhan-tz", "tw-xinzhan-qj"}
    assert mini_gazetteer.county_of("綦江").name == "綦江区"


def test_bad_gazetteer_row_is_named(tmp_path: Path, mini_dir: Path) -> None:
    text = (mini_dir / "gazetteer.csv").read_text(encoding="utf-8")
    text = text.replace("106.3,29.1,township,test,\n", "106.3,291,township,test,\n", 1)
    bad = tmp_path / "gaz.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match=r"gaz.csv:4 id='tw-ganshui' field lat"):
        load_gazetteer(bad)


def test_shipped_gazetteer_has_sources_and_the_cooperation_towns() -> None:
    gaz = load_gazetteer()
    assert all(p.coord_source for p in gaz.places)
    for county, town in [("綦江区", "赶水镇"), ("綦江区", "石壕镇"), ("桐梓县", "坡渡镇"),
                         ("习水县", "寨坝镇"), ("习水县", "坭坝乡")]:
        assert any(p.county == county for p in gaz.by_name[town]), town
