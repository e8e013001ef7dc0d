"""The capacity figures' arithmetic (:mod:`bench.capacity`) and the load run's answer clock (:mod:`bench.load`)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.capacity import format_capacity, ratios, sessions_per_core
from bench.load import LoadResult


def test_sessions_per_core_is_a_cores_minute_over_one_planners_minute() -> None:
    # 100 ms a change, 4 changes a minute, 100 ms a minute idle: 500 ms a minute -> 120 sessions
    assert sessions_per_core(100.0, 100.0, 4.0) == pytest.approx(120.0)
    assert sessions_per_core(100.0, -5.0, 4.0) == pytest.approx(150.0)  # idle noise below zero counts as none
    assert math.isnan(sessions_per_core(0.0, 0.0, 4.0))


def test_ratios_are_to_the_single_session_run() -> None:
    one = LoadResult(1, drawn_ms=[100.0, 100.0, 100.0], answer_ms=[200.0, 200.0, 200.0], wall_s=2.0,
                     server_cpu_s=0.3)
    four = LoadResult(4, drawn_ms=[300.0] * 12, answer_ms=[500.0] * 12, wall_s=4.0, server_cpu_s=1.2,
                      errors=["TimeoutError: x"])
    out = ratios({1: one, 4: four})
    assert out["k4_drawn_p50_ratio"] == pytest.approx(3.0)
    assert out["k4_answer_p95_ratio"] == pytest.approx(2.5)
    assert out["k4_cpu_per_change_ratio"] == pytest.approx(1.0)  # 100 ms a change either way
    assert out["k4_server_cores_busy"] == pytest.approx(0.3)
    assert out["k4_errors"] == 1 and out["k1_errors"] == 0
    table = format_capacity([{"scale": "plan", "server_cpu_ms_per_change": 100.0, "server_mb_per_session": 1.25,
                              **out}])
    assert "K4 p50" in table and "3.00x" in table and "1.2" in table
    assert "plan K=4: drawn p50/p95 300/300 ms, answer p50/p95 500/500 ms, 12 changes, 1 errors" in table


@pytest.mark.browser
def test_the_answer_clock_counts_from_the_event_to_the_first_map_message(browser: object) -> None:
    from bench.browser import CHROMIUM
    from bench.load import ANSWER_JS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    page = browser.new_page()
    try:
        page.set_content("<html><body></body></html>")
        assert page.evaluate(ANSWER_JS) is False  # no change armed
        page.evaluate("() => { window.__yqStart = 100; window.__yqMapAt = [50, 160, 300]; }")
        assert page.evaluate(ANSWER_JS) == 60  # the message before the change is not its answer
        page.evaluate("() => { window.__yqMapAt = [50]; }")
        assert page.evaluate(ANSWER_JS) is False
    finally:
        page.close()
