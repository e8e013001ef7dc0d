"""Benchmarks: build, geocoding and the viewer at plan size and at 10x and 100x scale.

Usage::

    python bench/run.py --scales plan,10x,100x --json bench.json

For each scale: the records (``plan``: the real ``seeds/``; ``Nx``: a synthetic
set N times larger, :mod:`bench.synthetic`) are built into layers in a child
process (seconds, peak RSS) which then times the geocoder
(:mod:`bench.measure`); the real viewer (``app.py``) and the naive baseline
(``bench/baseline_app.py``) are started on those layers and measured in
headless Chromium (:mod:`bench.viewer`).  One table is printed and the figures
are written as JSON: one object per scale.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.browser import restart_paints  # noqa: E402
from bench.floor import floor_waterfall, static_floor  # noqa: E402
from bench.synthetic import make_synthetic  # noqa: E402
from bench.viewer import ViewerResult, measure_app, plan_steps, running_app, total_features  # noqa: E402
from bench.waterfall import format_waterfall, phases_from_rows, waterfall_rows  # noqa: E402

#: Columns of the table: JSON key, header, format.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("scale", "scale", "{}"),
    ("features", "features", "{:d}"),
    ("build_s", "build s", "{:.2f}"),
    ("peak_rss_mb", "peak MB", "{:.0f}"),
    ("geocode_names_per_s", "geocode/s", "{:,.0f}"),
    ("payload_bytes", "payload KB", "{:,.0f}"),
    ("cold_first_paint_s", "cold paint s", "{:.2f}"),
    ("server_cold_first_paint_s", "1st session s", "{:.2f}"),
    ("floor_cold_first_paint_s", "floor paint s", "{:.2f}"),
    ("cold_paint_vs_floor", "ours/floor", "{:.1f}x"),
    ("restart_first_paint_s", "restart s", "{:.2f}"),
    ("cold_live_paint_s", "live map s", "{:.2f}"),
    ("server_live_paint_s", "1st live s", "{:.2f}"),
    ("live_paint_vs_floor", "live/floor", "{:.1f}x"),
    ("cold_answer_s", "answer s", "{:.2f}"),
    ("streamlit_floor_answer_s", "st answer s", "{:.2f}"),
    ("answer_vs_streamlit_floor", "answer/st", "{:.2f}x"),
    ("filter_redraw_p50_ms", "redraw p50", "{:.0f}"),
    ("filter_redraw_p95_ms", "redraw p95", "{:.0f}"),
    ("baseline_filter_redraw_p50_ms", "base p50", "{:.0f}"),
    ("ratio_vs_baseline", "base/ours", "{:.1f}x"),
)


#: Columns of the upload table (``--scales upload100k``).
UPLOAD_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("scale", "scale", "{}"),
    ("upload_points", "points", "{:,d}"),
    ("upload_bytes", "file KB", "{:,.0f}"),
    ("upload_parse_s", "parse s", "{:.2f}"),
    ("upload_first_paint_s", "first paint s", "{:.2f}"),
    ("upload_paint_vs_plan_cold", "/plan cold", "{:.1f}x"),
    ("upload_paint_vs_plan_live", "/plan live", "{:.1f}x"),
    ("upload_redraw_p50_ms", "redraw p50", "{:.0f}"),
    ("upload_redraw_p95_ms", "redraw p95", "{:.0f}"),
    ("upload_server_cpu_s", "server CPU s", "{:.1f}"),
    ("upload_server_mb", "server MB", "{:.0f}"),
)


def upload_points(scale: str) -> int | None:
    """``upload100k`` -> 100000, ``upload2500`` -> 2500; ``None`` for the other scales."""
    if not scale.startswith("upload"):
        return None
    body = scale[len("upload"):]
    factor = 1000 if body.endswith("k") else 1
    body = body[:-1] if body.endswith("k") else body
    if not body.isdigit() or int(body) < 1:
        raise ValueError(f"scale {scale!r}: use upload<N> or upload<N>k, e.g. upload100k")
    return int(body) * factor


def parse_scale(scale: str) -> int:
    """``plan`` -> 1, ``10x`` -> 10 (``upload100k``: 1, the plan's layers under the upload)."""
    if scale == "plan" or upload_points(scale) is not None:
        return 1
    if scale.endswith("x") and scale[:-1].isdigit() and int(scale[:-1]) >= 1:
        return int(scale[:-1])
    raise ValueError(f"scale {scale!r}: use plan or <N>x, e.g. 10x")


def build_and_geocode(seeds: Path, output: Path, gazetteer: list[Path] | None) -> dict:
    """Run :mod:`bench.measure` in a child process; its JSON figures."""
    command = [sys.executable, "-m", "bench.measure", "--seeds", str(seeds), "--output", str(output)]
    if gazetteer:
        command += ["--gazetteer", *map(str, gazetteer)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def viewer_figures(layers: Path, changes: int, baseline_changes: int) -> tuple[ViewerResult, ViewerResult]:
    """Measure the real viewer and the baseline on the same layers and filter changes."""
    total = total_features(layers)
    steps = plan_steps(layers, max(changes, baseline_changes))
    crossed = total_features(layers, cross=True)  # the first change of a cold load: the cross-border box
    os.environ["YUQIAN_CACHE"] = str(layers.parent / "cache")  # the server's kept preview: this run's own
    with running_app("app.py", layers) as url:
        ours = measure_app(url, total, steps[:changes], answer_expected=crossed)
    # a restart on the same data: the server finds the preview it kept on disk
    with running_app("app.py", layers) as url:
        restart = restart_paints(url, total)
    ours.restart_first_paint_s, ours.restart_live_paint_s = restart.first_paint_s, restart.live_s
    if baseline_changes <= 0:
        return ours, ViewerResult(error="not run at this scale (use --baseline-large)")
    with running_app("bench/baseline_app.py", layers) as url:
        base = measure_app(url, total, steps[:baseline_changes], answer_expected=crossed)
    return ours, base


def measure_upload_scale(scale: str, work: Path) -> dict:
    """The figures of an ``upload<N>k`` scale: the plan's layers (``layers/``) with an N-point upload."""
    from bench.upload import measure_upload

    return {"scale": scale, **measure_upload(upload_points(scale) or 0, ROOT / "layers", work / scale)}


def measure_scale(scale: str, work: Path, changes: int, baseline_changes: int) -> dict:
    """Every figure of one scale."""
    if upload_points(scale) is not None:
        return measure_upload_scale(scale, work)
    factor = parse_scale(scale)
    folder = work / scale
    if factor == 1:
        seeds, gazetteer = ROOT / "seeds", None
    else:
        synthetic = make_synthetic(factor, folder)
        seeds, gazetteer = synthetic.seeds, synthetic.gazetteer
    layers = folder / "layers"
    row: dict = {"scale": scale, **build_and_geocode(seeds, layers, gazetteer)}
    ours, base = viewer_figures(layers, changes, baseline_changes)
    p50, base_p50 = ours.p(0.5), base.p(0.5)
    floor, floor_raw = float("nan"), {}
    if ours.data_file:
        floor = static_floor(ours.data_file, total_features(layers), folder / "floor")
        floor_raw = floor_waterfall(ours.data_file, total_features(layers), folder / "floor-waterfall")
    row.update({
        "payload_bytes": ours.payload_bytes,
        "payload_ws_bytes": ours.ws_map_bytes,
        "payload_data_file_bytes": ours.data_file_bytes,
        "filter_index_bytes": ours.filter_index_bytes or None,
        "cold_first_paint_s": ours.cold_first_paint_s,
        "server_cold_first_paint_s": ours.server_cold_first_paint_s,
        "floor_cold_first_paint_s": floor,
        "cold_paint_vs_floor": ours.cold_first_paint_s / floor if floor and not math.isnan(floor) else None,
        "cold_preview_paint_s": ours.cold_preview_paint_s,
        "server_preview_paint_s": ours.server_preview_paint_s,
        "cold_live_paint_s": ours.cold_live_paint_s,
        "restart_first_paint_s": ours.restart_first_paint_s,
        "restart_live_paint_s": ours.restart_live_paint_s,
        "restart_vs_cold": (ours.restart_first_paint_s / ours.cold_first_paint_s
                            if ours.cold_first_paint_s else None),
        "server_live_paint_s": ours.server_live_paint_s,
        "live_paint_vs_floor": ours.cold_live_paint_s / floor if floor and not math.isnan(floor) else None,
        "first_session_vs_cold": (ours.server_cold_first_paint_s / ours.cold_first_paint_s
                                  if ours.cold_first_paint_s else None),
        "cold_answer_s": ours.cold_answer.answer_s,
        "streamlit_floor_answer_s": base.cold_answer.answer_s,
        "answer_vs_streamlit_floor": (ours.cold_answer.answer_s / base.cold_answer.answer_s
                                      if base.cold_answer.answer_s > 0 else None),
        "cold_answer": ours.cold_answer.as_dict(),
        "streamlit_floor_answer": base.cold_answer.as_dict(),
        "filter_redraw_p50_ms": p50,
        "filter_redraw_p95_ms": ours.p(0.95),
        "filter_changes": len(ours.redraw_ms),
        "redraw_payload_p50_bytes": sorted(ours.redraw_payload_bytes)[len(ours.redraw_payload_bytes) // 2]
        if ours.redraw_payload_bytes else None,
        "baseline_filter_redraw_p50_ms": base_p50,
        "baseline_filter_redraw_p95_ms": base.p(0.95),
        "baseline_filter_changes": len(base.redraw_ms),
        "baseline_payload_bytes": base.payload_bytes or None,
        "baseline_cold_first_paint_s": base.cold_first_paint_s,
        "baseline_server_cold_first_paint_s": base.server_cold_first_paint_s,
        "ratio_vs_baseline": base_p50 / p50 if p50 and not math.isnan(p50) and not math.isnan(base_p50) else None,
        "waterfall": {"cold": waterfall_rows(ours.waterfall), "first_session": waterfall_rows(ours.server_waterfall),
                      "floor": waterfall_rows(floor_raw)},
        "errors": [e for e in (ours.error and f"ours: {ours.error}", base.error and f"baseline: {base.error}") if e],
    })
    return row


def format_table(rows: list[dict]) -> str:
    """The figures as a plain-text table (``-`` where a figure is missing)."""
    def cell(row: dict, key: str, fmt: str) -> str:
        value = row.get(key)
        if key in ("payload_bytes", "upload_bytes") and value is not None:
            value = value / 1024.0
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "-"
        return fmt.format(value)

    def block(columns: tuple[tuple[str, str, str], ...], chosen: list[dict]) -> list[str]:
        table = [[header for _, header, _ in columns]] + [[cell(r, k, f) for k, _, f in columns] for r in chosen]
        widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
        out = ["  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in table]
        out.insert(1, "  ".join("-" * w for w in widths))
        return out

    uploads = [r for r in rows if "upload_points" in r]
    lines = block(COLUMNS, [r for r in rows if "upload_points" not in r])
    if uploads:
        lines += ["", *block(UPLOAD_COLUMNS, uploads)]
    for row in rows:
        lines.extend(f"{row['scale']}: {error}" for error in row.get("errors", []))
    for row in rows:
        falls = row.get("waterfall") or {}
        floor = phases_from_rows(falls.get("floor") or [])
        for key, title in (("cold", "cold load"), ("first_session", "first session after server start")):
            if falls.get(key):
                lines += ["", format_waterfall(phases_from_rows(falls[key]), floor, f"{row['scale']}, {title}")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure every scale asked for, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description="Benchmarks of build, geocoding and viewer.")
    parser.add_argument("--scales", default="plan,10x,100x",
                        help="comma-separated: plan, 10x, 100x, ..., upload100k (the plan with a 100,000-point upload)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--changes", type=int, default=20, help="filter changes timed per app")
    parser.add_argument("--baseline-large", action="store_true",
                        help="also run the baseline from 50x on (its cold load alone takes minutes there)")
    parser.add_argument("--capacity", action="store_true",
                        help="also the server's CPU and memory per change and session, K sessions (bench.capacity)")
    parser.add_argument("--baseline-changes-large", type=int, default=5,
                        help="filter changes timed for the baseline from 50x on (each takes many seconds)")
    args = parser.parse_args(argv)
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    for scale in scales:
        parse_scale(scale)
    rows = []
    start = time.perf_counter()
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} ({os.cpu_count()} cores)", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="yuqian-bench-") as tmp:
        for scale in scales:
            big = parse_scale(scale) >= 50
            baseline_changes = args.changes
            if big:
                baseline_changes = min(args.changes, args.baseline_changes_large) if args.baseline_large else 0
            rows.append(measure_scale(scale, Path(tmp), args.changes, baseline_changes))
            if args.capacity and upload_points(scale) is None:
                from bench.capacity import measure_capacity

                rows[-1].update(measure_capacity(Path(tmp) / scale / "layers", work=Path(tmp) / scale / "capacity"))
            print(f"[{scale} done after {time.perf_counter() - start:.0f} s]", file=sys.stderr)
    plan = next((r for r in rows if r["scale"] == "plan"), None)
    for row in rows:
        if "upload_first_paint_s" in row and plan and plan.get("cold_first_paint_s"):
            row["upload_paint_vs_plan_cold"] = row["upload_first_paint_s"] / plan["cold_first_paint_s"]
        if "upload_first_paint_s" in row and plan and plan.get("cold_live_paint_s"):
            row["upload_paint_vs_plan_live"] = row["upload_first_paint_s"] / plan["cold_live_paint_s"]
    print(format_table(rows))
    if args.capacity:
        from bench.capacity import format_capacity

        print(format_capacity(rows))
    print(f"total {time.perf_counter() - start:.0f} s; payload = map websocket messages + features file; "
          "cold paint = new browser on a server that has served one session, to the first painted frame "
          "with every feature (the preview's, or the live map's if earlier); live map = the same load to "
          "the live map drawn; 1st session = the server's first session (new data); restart = the first "
          "session after a restart on the same data; "
          "floor = the same features file drawn by plain Leaflet in a static page (no Streamlit); "
          "redraw = filter change -> map drawn (ms); answer = a new browser toggling the cross-border box "
          "as soon as it can, from navigation to the filtered map painted; st answer = the same on the bare "
          "Streamlit page (bench/baseline_app.py)")
    if args.json:
        for row in rows:
            row["load_average"] = list(load)
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
