"""The store's checks of an edit's values (:mod:`geo.edits._catalogue`): one rule with the edit panel."""

from __future__ import annotations

import pytest

from geo import config
from geo._edit_values import is_status_date
from geo.edits import _catalogue
from geo.edits._catalogue import Catalogue, PlanFeature


def _feature(geometry_type: str = "Point") -> PlanFeature:
    return PlanFeature(feature_id="pj-test", layer="projects", name="测试", geometry_type=geometry_type,
                       county="綦江区", geometry={}, precision="county", status="planned", coord_source="test")


def test_the_store_reads_the_precision_classes_from_config() -> None:
    assert _catalogue.POINT_PRECISIONS is config.EDIT_POINT_PRECISIONS
    assert _catalogue.LINE_PRECISIONS is config.EDIT_LINE_PRECISIONS
    # every class but "position unknown": an edit gives a feature a place
    edit_classes = set(config.EDIT_POINT_PRECISIONS) | set(config.EDIT_LINE_PRECISIONS)
    assert edit_classes == set(config.PRECISIONS) - {config.UNKNOWN_PRECISION}


def test_a_wrong_precision_names_the_classes_of_config_in_their_order() -> None:
    catalogue = Catalogue(features={}, counties={}, area=None)  # type: ignore[arg-type]
    problems = catalogue.check_geometry(_feature("LineString"), {"type": "Point", "coordinates": [1, 2]}, "site")
    assert f"is not one of {', '.join(config.EDIT_LINE_PRECISIONS)} " in problems[0]


@pytest.mark.parametrize("value", ["2026", "2026-06", "2026-06-30", "2026-12-01"])
def test_status_dates_the_plan_uses_are_kept(value: str) -> None:
    assert Catalogue.check_status(_feature(), "planned", value) == []
    assert is_status_date(value)


@pytest.mark.parametrize("value", ["2026-13", "2026-6", "六月", "2026-06-32", "2026-06\n", " 2026", "", None, 2026])
def test_other_status_dates_are_refused_by_the_store(value: object) -> None:
    problems = Catalogue.check_status(_feature(), "planned", value)
    assert len(problems) == 1
    assert problems[0].startswith(f"pj-test: status date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD, a day that")
    assert not is_status_date(value)
