"""The viewer's caches: the filtered layers and the legend are kept per criteria and still follow them."""

from __future__ import annotations

from pathlib import Path

from _paths import DATA

from geo.filters import Criteria, count_features, filter_layers
from geo.store import load_layers
from geo.view.cache import cached_legend, filtered_layers, folder_signature
from geo.view.map._legend import legend_html

TEST_LAYERS = str(DATA / "layers")


def test_filtered_layers_follow_the_criteria_and_are_shared() -> None:
    signature = folder_signature(TEST_LAYERS)
    layers = load_layers(Path(TEST_LAYERS))
    for criteria in (Criteria(), Criteria(cross_border_only=True), Criteria(text="ganshui")):
        kept = filtered_layers(TEST_LAYERS, signature, criteria)
        assert count_features(kept) == count_features(filter_layers(layers, criteria))
    first = filtered_layers(TEST_LAYERS, signature, Criteria(text="ganshui"))
    second = filtered_layers(TEST_LAYERS, signature, Criteria(text="ganshui"))
    assert first is not second  # a caller may add its upload to its own dict
    assert all(first[name] is second[name] for name in first)  # the frames are computed once


def test_cached_legend_changes_with_the_criteria_and_language() -> None:
    signature = folder_signature(TEST_LAYERS)
    layers = load_layers(Path(TEST_LAYERS))
    everything = cached_legend(TEST_LAYERS, signature, Criteria(), "zh")
    crossing = cached_legend(TEST_LAYERS, signature, Criteria(cross_border_only=True), "zh")
    assert everything == legend_html(filter_layers(layers), layers, "zh")
    assert crossing == legend_html(filter_layers(layers, cross_border_only=True), layers, "zh")
    assert crossing != everything
    assert cached_legend(TEST_LAYERS, signature, Criteria(), "en") != everything
