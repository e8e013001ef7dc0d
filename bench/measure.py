"""Build and geocoding measurements, run in a child process for a clean peak memory.

``python -m bench.measure --seeds DIR --output DIR [--gazetteer CSV ...]`` builds
the layers (records -> layers, as ``python -m geo build`` does), then times the
geocoder over a realistic mix of names, and prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from geo._errors import GeocodeError
from geo.gazetteer import Gazetteer, load_gazetteer, normalize_name
from geo.geocode import geocode_place
from geo.records import load_all_records

Query = tuple[str, dict]


def geocode_mix(records: dict[str, list[dict]], gaz: Gazetteer, seed: int = 7) -> list[Query]:
    """Names the way the build and the users ask for them: exact, alias, normalised, qualified, fallback.

    Parameters
    ----------
    records : dict
        Kind -> records (their places are asked as the build asks them).
    gaz : Gazetteer
        The gazetteer to resolve against (only names it resolves are kept).
    seed : int
        Seed of the shuffle.

    Returns
    -------
    list of (name, keyword arguments of :func:`geo.geocode.geocode_place`)
    """
    rng = random.Random(seed)
    mix: list[Query] = []
    for kind in ("projects", "logistics", "tourism_stops"):
        for rec in records.get(kind, []):
            mix.append((rec["name"], {"county": rec["county"], "township": rec.get("township") or None}))
    for rec in records.get("townships", []):
        mix.append((rec["name"], {"county": rec["county"]}))
    for rec in records.get("corridors", []):
        mix.extend((name, {"fallback": False}) for name in rec["via"])
    places = [p for p in gaz.places if p.level in ("township", "site", "county")]
    for i, place in enumerate(places):
        mix.append((f"{place.name}@{place.county}", {}))
        mix.extend((alias, {"county": place.county}) for alias in place.aliases)
        mix.append((normalize_name(place.name), {"county": place.county}))
        if place.level == "township":
            mix.append((f"无名地点{i}", {"county": place.county, "township": place.name}))
        if place.level == "county":
            mix.append((f"无名地点{i}", {"county": place.name}))
    usable = []
    for name, kwargs in mix:
        try:
            geocode_place(name, gazetteer=gaz, **kwargs)
        except GeocodeError:
            continue
        usable.append((name, kwargs))
    rng.shuffle(usable)
    return usable


def time_geocoding(mix: list[Query], gaz: Gazetteer, min_seconds: float = 1.0) -> tuple[float, dict[str, int]]:
    """Names per second over ``mix`` (repeated until ``min_seconds``), and the share of each match kind."""
    kinds = Counter(geocode_place(name, gazetteer=gaz, **kw).match for name, kw in mix)
    calls, start = 0, time.perf_counter()
    while True:
        for name, kwargs in mix:
            geocode_place(name, gazetteer=gaz, **kwargs)
        calls += len(mix)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return calls / elapsed, dict(kinds)


def main(argv: list[str] | None = None) -> int:
    """Build, geocode, print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--gazetteer", type=Path, nargs="*", default=None)
    args = parser.parse_args(argv)
    from geo.build import run_build

    gazetteer = list(args.gazetteer) if args.gazetteer else None
    start = time.perf_counter()
    report = run_build(seeds=args.seeds, output=args.output, gazetteer=gazetteer)  # type: ignore[arg-type]
    build_s = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gaz = load_gazetteer(gazetteer) if gazetteer else load_gazetteer()
    mix = geocode_mix(load_all_records(args.seeds), gaz)
    rate, kinds = time_geocoding(mix, gaz)
    json.dump({"build_s": build_s, "peak_rss_mb": peak_kb / 1024.0, "features": sum(report.counts.values()),
               "geocode_names_per_s": rate, "geocode_mix": kinds, "geocode_mix_size": len(mix)}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
