"""The paired comparison of two checkouts (:mod:`bench.ab`): its statistics and its settings."""

from __future__ import annotations

import pytest

from bench.ab import paired_summary, parse_env


def test_paired_summary_reports_each_side_and_the_difference_change_by_change() -> None:
    a = [200.0, 180.0, 400.0, 210.0]  # a slow moment hits both sides' third change
    b = [150.0, 140.0, 380.0, 160.0]
    summary = paired_summary(a, b)
    assert summary["a_p50"] == 205.0 and summary["b_p50"] == 155.0
    assert summary["diff_median"] == -45.0  # -50, -40, -20, -50
    assert summary["diff_mean"] == -40.0
    assert summary["a_p25"] == 200.0 and summary["b_p75"] == 380.0


def test_paired_summary_refuses_lists_that_do_not_pair() -> None:
    with pytest.raises(ValueError, match="equal, non-empty"):
        paired_summary([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="equal, non-empty"):
        paired_summary([], [])


def test_settings_are_name_value_pairs_and_a_bad_one_is_named() -> None:
    assert parse_env(["YUQIAN_CACHE=/tmp/c", "X=a=b"]) == {"YUQIAN_CACHE": "/tmp/c", "X": "a=b"}
    with pytest.raises(ValueError, match="'YUQIAN_CACHE'.*NAME=VALUE"):
        parse_env(["YUQIAN_CACHE"])
