"""How many planners one viewer server holds: the server's own CPU and memory per change and per session.

Usage::

    python -m bench.capacity --scales plan,10x [--root CHECKOUT] [--json capacity.json]

The wall-clock times of a browser test on a shared 2-core machine mostly
measure the browsers; this measures the ``streamlit run`` process itself, from
its own counters (``/proc/<pid>/stat`` user + system time of all its threads,
``/proc/<pid>/status`` VmRSS; :mod:`bench.upload`), read before and after:

* **CPU per change** (``server_cpu_ms_per_change``): one session makes
  ``--changes`` filter changes (search text, cross-border box), each waited
  for to the end of its run; the server's CPU time over them, per change;
* **memory and CPU per idle session** (``server_mb_per_session``,
  ``idle_cpu_ms_per_session_min``): ``--idle-sessions`` sessions opened one
  after the other and left open; the server's added resident memory per
  session, and its CPU time while they sit idle (less the same server's CPU
  over as long with no session), per session and minute;
* **sessions per core** (``sessions_per_core``): a core's minute over what one
  planner costs a minute, ``--changes-per-min`` changes plus the idle cost;
* **K sessions at once** (:mod:`bench.load`): K = 1, 4, 8 pages in one
  Chromium, each its own session, all making the same changes with no pause;
  p50/p95 of the change as the page sees it (``drawn``) and of the server's
  answer (``answer``), errors, server CPU, and each as a ratio to K = 1.

The viewer runs as a planners' deployment does: with an edit store (a fresh
SQLite one; ``--no-store`` for none).  ``--root`` measures another checkout
(e.g. main's head) on the same layers, for a before/after.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import LoadResult, hold_sessions, load_run  # noqa: E402
from bench.server import running_app  # noqa: E402
from bench.upload import server_cpu_s, server_rss_mb  # noqa: E402

#: K of the load runs.
SESSIONS: tuple[int, ...] = (1, 4, 8)
#: Columns of the capacity table: JSON key, header, format.
CAPACITY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("scale", "scale", "{}"),
    ("server_cpu_ms_per_change", "CPU ms/change", "{:.0f}"),
    ("server_mb_per_session", "MB/session", "{:.1f}"),
    ("idle_cpu_ms_per_session_min", "idle ms/min", "{:.0f}"),
    ("sessions_per_core", "sessions/core", "{:.0f}"),
    ("k4_drawn_p50_ratio", "K4 p50", "{:.2f}x"),
    ("k4_drawn_p95_ratio", "K4 p95", "{:.2f}x"),
    ("k8_drawn_p50_ratio", "K8 p50", "{:.2f}x"),
    ("k8_drawn_p95_ratio", "K8 p95", "{:.2f}x"),
    ("k8_answer_p50_ratio", "K8 ans p50", "{:.2f}x"),
    ("k8_cpu_per_change_ratio", "K8 CPU/chg", "{:.2f}x"),
    ("k8_errors", "K8 err", "{:d}"),
)


def quiet(cpu: Callable[[], float], window_s: float = 1.0, below_ms: float = 30.0, limit_s: float = 60.0) -> None:
    """Wait until the server used less than ``below_ms`` of CPU over ``window_s`` (its warm-up thread done)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = cpu()
        time.sleep(window_s)
        if (cpu() - before) * 1000.0 < below_ms:
            return


def sessions_per_core(cpu_ms_per_change: float, idle_ms_per_min: float, changes_per_min: float) -> float:
    """Sessions one core serves: 60,000 ms of CPU a minute over what one planner uses a minute."""
    per_min = cpu_ms_per_change * changes_per_min + max(idle_ms_per_min, 0.0)
    return 60_000.0 / per_min if per_min > 0 else float("nan")


def ratios(runs: dict[int, LoadResult]) -> dict[str, Any]:
    """Every K run's figures, and each as a ratio to K = 1 (JSON keys ``k<K>_...``)."""
    out: dict[str, Any] = {}
    one = runs.get(1)
    for k, run in runs.items():
        changes = len(run.drawn_ms)
        figures = {
            "drawn_p50_ms": run.quantile("drawn", 0.5), "drawn_p95_ms": run.quantile("drawn", 0.95),
            "answer_p50_ms": run.quantile("answer", 0.5), "answer_p95_ms": run.quantile("answer", 0.95),
            "changes": changes, "errors": len(run.errors), "wall_s": run.wall_s,
            "server_cpu_s": run.server_cpu_s,
            "cpu_per_change_ms": run.server_cpu_s * 1000.0 / changes if changes else float("nan"),
            "server_cores_busy": run.server_cpu_s / run.wall_s if run.wall_s else float("nan"),
        }
        for name, value in figures.items():
            out[f"k{k}_{name}"] = value
        out[f"k{k}_error_messages"] = run.errors[:5]
    for k in runs:
        if one is None:
            break
        for name in ("drawn_p50", "drawn_p95", "answer_p50", "answer_p95", "cpu_per_change"):
            base, value = out[f"k1_{name}_ms"], out[f"k{k}_{name}_ms"]
            out[f"k{k}_{name}_ratio"] = value / base if base and not math.isnan(base) else float("nan")
    return out


def measure_capacity(layers: Path, *, root: Path = ROOT, changes: int = 12, idle_sessions: int = 8,
                     idle_s: float = 20.0, load_changes: int = 6, changes_per_min: float = 4.0,
                     store: bool = True, work: Path | None = None) -> dict[str, Any]:
    """Every capacity figure of one set of layers (see the module doc).

    Parameters
    ----------
    layers : Path
        Built layers the viewer shows.
    root : Path
        The checkout whose ``app.py`` is served.
    changes : int
        Filter changes of the CPU-per-change run (one session).
    idle_sessions, idle_s : int, float
        Sessions held open idle, and for how long their CPU is read.
    load_changes : int
        Filter changes each page makes in the K-session runs.
    changes_per_min : float
        A planner's changes a minute, for ``sessions_per_core``.
    store : bool
        Serve with a fresh SQLite edit store (as for planners who edit).
    work : Path, optional
        Folder for the store and the preview cache (default: a temporary one).
    """
    from bench.viewer import plan_steps, total_features

    total = total_features(layers)
    steps = plan_steps(layers, max(changes, load_changes))
    with tempfile.TemporaryDirectory(prefix="yuqian-capacity-") as tmp:
        folder = work or Path(tmp)
        env = {"YUQIAN_DATA": str(folder / "data"), "YUQIAN_CACHE": str(folder / "cache")}
        (folder / "data").mkdir(parents=True, exist_ok=True)
        saved = {k: os.environ.get(k) for k in (*env, "YUQIAN_DB")}
        os.environ.update(env)
        os.environ.pop("YUQIAN_DB", None)
        try:
            if store:
                from geo.edits import open_store

                open_store(layers_dir=layers).close()
            with running_app("app.py", layers, root=root, env=env,
                             extra_args=["--server.fileWatcherType", "none"]) as url:
                port = int(url.rsplit(":", 1)[1])
                return _measure(url, port, total, steps, changes, idle_sessions, idle_s,
                                load_changes, changes_per_min) | {"store": store, "root": str(root)}
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _measure(url: str, port: int, total: int, steps: list, changes: int, idle_sessions: int, idle_s: float,
             load_changes: int, changes_per_min: float) -> dict[str, Any]:
    def cpu() -> float:
        return server_cpu_s(port)

    hold_sessions(url, total, 1, lambda: None)  # the first session: imports, caches, preview
    quiet(cpu)
    single = load_run(url, total, steps[:changes], 1, cpu)
    per_change = single.server_cpu_s * 1000.0 / len(single.drawn_ms) if single.drawn_ms else float("nan")
    quiet(cpu)
    base_cpu = cpu()
    time.sleep(idle_s)
    no_session_cpu_ms = (cpu() - base_cpu) * 1000.0
    rss_before = server_rss_mb(port)

    def idle() -> tuple[float, float]:
        time.sleep(2.0)
        rss = server_rss_mb(port)
        before = cpu()
        time.sleep(idle_s)
        return rss, (cpu() - before) * 1000.0

    drawn_idle, (rss_after, idle_cpu_ms) = hold_sessions(url, total, idle_sessions, idle)
    idle_per_min = (idle_cpu_ms - no_session_cpu_ms) / idle_sessions * 60.0 / idle_s
    runs: dict[int, LoadResult] = {}
    for k in SESSIONS:
        quiet(cpu)
        runs[k] = load_run(url, total, steps[:load_changes], k, cpu)
    return {
        "features": total,
        "server_cpu_ms_per_change": per_change,
        "server_cpu_changes": len(single.drawn_ms),
        "server_rss_mb_before_sessions": rss_before,
        "server_mb_per_session": (rss_after - rss_before) / idle_sessions,
        "idle_sessions": idle_sessions,
        "idle_sessions_drawn": drawn_idle,
        "idle_cpu_ms_per_session_min": idle_per_min,
        "no_session_cpu_ms_per_min": no_session_cpu_ms * 60.0 / idle_s,
        "changes_per_min": changes_per_min,
        "sessions_per_core": sessions_per_core(per_change, idle_per_min, changes_per_min),
        **ratios(runs),
        "errors": [f"single: {e}" for e in single.errors],
    }


def scale_factor(scale: str) -> int:
    """``plan`` -> 1, ``10x`` -> 10 (as :func:`bench.run.parse_scale`, without the upload scales)."""
    if scale == "plan":
        return 1
    if scale.endswith("x") and scale[:-1].isdigit() and int(scale[:-1]) >= 1:
        return int(scale[:-1])
    raise ValueError(f"scale {scale!r}: use plan or <N>x, e.g. 10x")


def build_layers(seeds: Path, output: Path, gazetteer: list[Path] | None) -> None:
    """Build ``seeds`` into layers in ``output`` with :mod:`bench.measure`, in a child process as bench.run does."""
    import subprocess

    command = [sys.executable, "-m", "bench.measure", "--seeds", str(seeds), "--output", str(output)]
    if gazetteer:
        command += ["--gazetteer", *map(str, gazetteer)]
    subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)


def format_capacity(rows: list[dict]) -> str:
    """The capacity figures as a plain-text table (``-`` where a figure is missing)."""
    def cell(row: dict, key: str, fmt: str) -> str:
        value = row.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "-"
        return fmt.format(value)

    chosen = [r for r in rows if "server_cpu_ms_per_change" in r]
    table = [[h for _, h, _ in CAPACITY_COLUMNS]] + [[cell(r, k, f) for k, _, f in CAPACITY_COLUMNS] for r in chosen]
    widths = [max(len(line[i]) for line in table) for i in range(len(CAPACITY_COLUMNS))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for row in chosen:
        for k in SESSIONS:
            if f"k{k}_drawn_p50_ms" in row:
                lines.append(f"{row['scale']} K={k}: drawn p50/p95 {row[f'k{k}_drawn_p50_ms']:.0f}/"
                             f"{row[f'k{k}_drawn_p95_ms']:.0f} ms, answer p50/p95 {row[f'k{k}_answer_p50_ms']:.0f}/"
                             f"{row[f'k{k}_answer_p95_ms']:.0f} ms, {row[f'k{k}_changes']} changes, "
                             f"{row[f'k{k}_errors']} errors, server CPU {row[f'k{k}_server_cpu_s']:.1f} s "
                             f"({row[f'k{k}_server_cores_busy']:.2f} cores)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build each scale's layers, measure the viewer server's capacity, print the table, write the JSON."""
    from bench.synthetic import make_synthetic

    parser = argparse.ArgumentParser(description="Server CPU and memory per change and per session; K sessions.")
    parser.add_argument("--scales", default="plan,10x", help="comma-separated: plan, 10x, ...")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve (default this one)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--changes", type=int, default=12, help="filter changes of the CPU-per-change run")
    parser.add_argument("--idle-sessions", type=int, default=8, help="sessions held open idle")
    parser.add_argument("--idle-s", type=float, default=20.0, help="seconds their idle CPU is read over")
    parser.add_argument("--load-changes", type=int, default=6, help="changes per page in the K-session runs")
    parser.add_argument("--changes-per-min", type=float, default=4.0, help="a planner's changes a minute")
    parser.add_argument("--no-store", action="store_true", help="serve without an edit store")
    args = parser.parse_args(argv)
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    rows = []
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="yuqian-capacity-") as tmp:
        for scale in scales:
            factor, folder = scale_factor(scale), Path(tmp) / scale
            seeds, gazetteer = ROOT / "seeds", None
            if factor > 1:
                synthetic = make_synthetic(factor, folder)
                seeds, gazetteer = synthetic.seeds, synthetic.gazetteer
            build_layers(seeds, folder / "layers", gazetteer)
            row = {"scale": scale, **measure_capacity(
                folder / "layers", root=args.root.resolve(), changes=args.changes,
                idle_sessions=args.idle_sessions, idle_s=args.idle_s, load_changes=args.load_changes,
                changes_per_min=args.changes_per_min, store=not args.no_store, work=folder / "run")}
            rows.append(row)
            print(f"[{scale} done]", file=sys.stderr)
    print(format_capacity(rows))
    for row in rows:
        row["load_average"] = list(load)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
