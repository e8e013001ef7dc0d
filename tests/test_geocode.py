"""Geocoder: exact, alias, normalised, ties broken by county, fallback, errors."""

from __future__ import annotations

import pytest

from geo._errors import GeocodeError
from geo.geocode import geocode_place, split_qualified


def test_exact(mini_gazetteer) -> None:
    loc = geocode_place("赶水镇", gazetteer=mini_gazetteer)
    assert (loc.lon, loc.lat, loc.match, loc.precision) == (106.3, 29.1, "exact", "site")


def test_alias(mini_gazetteer) -> None:
    loc = geocode_place("泥坝乡", gazetteer=mini_gazetteer)
    assert loc.place.id == "tw-nijia" and loc.match == "alias"


def test_normalised_form(mini_gazetteer) -> None:
    loc = geocode_place("赶水", gazetteer=mini_gazetteer)
    assert loc.place.id == "tw-ganshui" and loc.match == "normalized"
    loc = geocode_place("綦江古剑山", gazetteer=mini_gazetteer)
    assert loc.place.id == "site-gujianshan" and loc.precision == "site"


def test_ambiguity_broken_by_county(mini_gazetteer) -> None:
    assert geocode_place("新站镇", county="桐梓县", gazetteer=mini_gazetteer).place.id == "tw-xinzhan-tz"
    assert geocode_place("新站镇@綦江区", gazetteer=mini_gazetteer).place.id == "tw-xinzhan-qj"


def test_ambiguity_without_county_is_an_error(mini_gazetteer) -> None:
    with pytest.raises(GeocodeError, match="ambiguous") as info:
        geocode_place("新站镇", gazetteer=mini_gazetteer)
    assert "tw-xinzhan-tz" in str(info.value) and "tw-xinzhan-qj" in str(info.value)


def test_site_whose_coordinate_is_only_the_town_seat(mini_gazetteer) -> None:
    loc = geocode_place("陈家坝站", gazetteer=mini_gazetteer)
    assert loc.place.id == "site-seatonly" and loc.precision == "township"


def test_fallback_to_township_then_county(mini_gazetteer) -> None:
    loc = geocode_place("不知名公园", county="綦江区", township="赶水镇", gazetteer=mini_gazetteer)
    assert (loc.match, loc.precision, loc.place.id) == ("township", "township", "tw-ganshui")
    loc = geocode_place("不知名公园", county="桐梓县", gazetteer=mini_gazetteer)
    assert (loc.match, loc.precision, loc.place.id) == ("county", "county", "cn-520322")


def test_unknown_name(mini_gazetteer) -> None:
    with pytest.raises(GeocodeError, match="unknown place '火星站'"):
        geocode_place("火星站", gazetteer=mini_gazetteer)
    with pytest.raises(GeocodeError):
        geocode_place("不知名公园", county="綦江区", gazetteer=mini_gazetteer, fallback=False)


def test_county_context_excludes_other_counties(mini_gazetteer) -> None:
    with pytest.raises(GeocodeError):
        geocode_place("坡渡镇", county="綦江区", gazetteer=mini_gazetteer, fallback=False)


def test_split_qualified() -> None:
    assert split_qualified("寨坝镇@习水县") == ("寨坝镇", "习水县")
    assert split_qualified(" 赶水镇 ") == ("赶水镇", None)


def test_shipped_gazetteer_resolves_a_cooperation_town() -> None:
    loc = geocode_place("桐梓坡渡", county="桐梓县")
    assert loc.place.name == "坡渡镇"


def test_township_known_only_by_its_extent(mini_gazetteer) -> None:
    loc = geocode_place("尧龙山镇", gazetteer=mini_gazetteer)
    assert (loc.match, loc.precision) == ("exact", "township")
    loc = geocode_place("尧龙山某景点", county="桐梓县", township="尧龙山镇", gazetteer=mini_gazetteer)
    assert (loc.match, loc.precision) == ("township", "township")


def test_named_place_below_the_township_comes_before_it() -> None:
    """A village (gazetteer ``locality``) at its township's seat: located there, township precision."""
    loc = geocode_place("打通镇大罗供水改扩建工程", county="綦江区", township="打通镇", place="大罗村")
    assert (loc.match, loc.place.name, loc.precision) == ("place", "大罗村", "township")
    wansheng = geocode_place("铜鼓滩漂流", county="綦江区", place="万盛")
    assert (wansheng.place.name, wansheng.precision) == ("万盛", "county")


def test_unknown_named_place_is_an_error() -> None:
    with pytest.raises(GeocodeError, match="大罗坝"):
        geocode_place("某项目", county="綦江区", township="打通镇", place="大罗坝")
