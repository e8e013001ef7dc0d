"""Paired filter-redraw timing of two checkouts: ``python bench/ab.py --a OLD --b NEW``.

With ``--answer ROUNDS``: paired cold answers instead (:func:`compare_answers`), both
checkouts and the bare Streamlit page, loaded in turn.

A single benchmark run swings with the machine's speed: on the shared 2-core
machine the same code gave a plan redraw p50 of 185 ms and of 384 ms an hour
apart.  Here both viewers run at once (each ``streamlit run app.py`` from its
own checkout, on loopback), one Chromium opens both, and every filter change of
:func:`bench.viewer.plan_steps` is made in both pages, alternating which goes
first.  The two times of a change are taken seconds apart, under the same load,
so their difference is what the code changed; :func:`paired_summary` reports
it with each side's quartiles.  The redraw is timed as in
:mod:`bench.viewer` (event time stamp to the painted frame holding the expected
count).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as ``python bench/ab.py``
    sys.path.insert(0, str(ROOT))

from bench.browser import CHROMIUM, CHROMIUM_ARGS, COLD_JS, new_context, settle, wait_drawn  # noqa: E402
from bench.server import running_app  # noqa: E402
from bench.viewer import Step, make_change, plan_steps, total_features  # noqa: E402


def parse_env(pairs: Sequence[str]) -> dict[str, str]:
    """``["K=V", ...]`` as a dict; raises ``ValueError`` naming a pair without ``=``."""
    env: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"environment setting {pair!r}: write NAME=VALUE, e.g. YUQIAN_CACHE=/tmp/c")
        env[name] = value
    return env


def paired_summary(a_ms: Sequence[float], b_ms: Sequence[float]) -> dict[str, float]:
    """Quartiles of each side and the median and mean of ``b - a`` over the paired changes.

    Parameters
    ----------
    a_ms, b_ms : sequence of float
        Redraw times of the same changes, in the same order (equal lengths).

    Returns
    -------
    dict
        ``a_p25``, ``a_p50``, ``a_p75``, the same for ``b``, and ``diff_median``,
        ``diff_mean`` (negative: ``b`` redrew sooner).
    """
    if len(a_ms) != len(b_ms) or not a_ms:
        raise ValueError(f"paired times need two equal, non-empty lists (got {len(a_ms)} and {len(b_ms)})")
    out: dict[str, float] = {}
    for side, values in (("a", sorted(a_ms)), ("b", sorted(b_ms))):
        out[f"{side}_p25"] = values[len(values) // 4]
        out[f"{side}_p50"] = statistics.median(values)
        out[f"{side}_p75"] = values[(3 * len(values)) // 4]
    diffs = [b - a for a, b in zip(a_ms, b_ms, strict=True)]
    out["diff_median"] = statistics.median(diffs)
    out["diff_mean"] = statistics.mean(diffs)
    return out


def _change(page: object, step: Step, timeout_ms: float) -> float:
    """Make one filter change in ``page`` (brought to the front); ms to its painted redraw."""
    page.bring_to_front()
    make_change(page, step)
    ms = wait_drawn(page, step.expected, timeout_ms)
    settle(page)
    return ms


def compare(a: Path, b: Path, layers: Path, changes: int, env_a: Mapping[str, str] | None = None,
            env_b: Mapping[str, str] | None = None, timeout_s: float = 120.0) -> dict[str, float]:
    """Time ``changes`` filter changes in both viewers, alternating; :func:`paired_summary` of them."""
    from playwright.sync_api import sync_playwright

    total, steps = total_features(layers), plan_steps(layers, changes)
    times: tuple[list[float], list[float]] = ([], [])
    quiet = ["--server.fileWatcherType", "none"]
    with (running_app("app.py", layers, root=a, env=env_a, extra_args=quiet) as url_a,
          running_app("app.py", layers, root=b, env=env_b, extra_args=quiet) as url_b,
          sync_playwright() as playwright):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = []
            for url in (url_a, url_b):
                page = new_context(browser).new_page()
                page.add_init_script(COLD_JS)
                page.goto(url)
                wait_drawn(page, total, timeout_s * 1000)
                settle(page)
                pages.append(page)
            for number, step in enumerate(steps):
                for side in ((0, 1) if number % 2 == 0 else (1, 0)):
                    times[side].append(_change(pages[side], step, timeout_s * 1000))
        finally:
            browser.close()
    return paired_summary(*times)


def answer_summary(times: Mapping[str, Sequence[float]]) -> dict[str, dict[str, float]]:
    """Per side: the median, quartiles and count of its cold answers, seconds (NaN ones left out)."""
    out: dict[str, dict[str, float]] = {}
    for side, values in times.items():
        seen = sorted(v for v in values if v == v)
        if not seen:
            out[side] = {"n": 0, "p25": float("nan"), "p50": float("nan"), "p75": float("nan")}
            continue
        out[side] = {"n": len(seen), "p25": seen[len(seen) // 4], "p50": statistics.median(seen),
                     "p75": seen[(3 * len(seen)) // 4]}
    return out


def compare_answers(a: Path, b: Path, layers: Path, rounds: int, env_a: Mapping[str, str] | None = None,
                    env_b: Mapping[str, str] | None = None, timeout_s: float = 120.0) -> dict[str, list[float]]:
    """Cold answers (:func:`bench.answer.cold_answer`) of both viewers and of the bare page, alternating.

    The three servers run at once (the bare page, ``bench/baseline_app.py``, from ``b``); each
    serves one session first (as in :mod:`bench.run`), then every round opens each of them in a
    fresh context, in a rotating order, and times navigation -> the cross-border box toggled ->
    its answer painted.  Seconds per side (``a``, ``b``, ``bare``); NaN for a load that failed.
    """
    total, crossed = total_features(layers), total_features(layers, cross=True)
    times: dict[str, list[float]] = {"a": [], "b": [], "bare": []}
    quiet = ["--server.fileWatcherType", "none"]
    with tempfile.TemporaryDirectory(prefix="yuqian-ab-") as tmp:  # each server keeps its own preview
        env_a = {"YUQIAN_CACHE": f"{tmp}/a", **(env_a or {})}
        env_b = {"YUQIAN_CACHE": f"{tmp}/b", **(env_b or {})}
        _answer_rounds(a, b, layers, rounds, env_a, env_b, timeout_s, total, crossed, times, quiet)
    return times


def _answer_rounds(a: Path, b: Path, layers: Path, rounds: int, env_a: Mapping[str, str],
                   env_b: Mapping[str, str], timeout_s: float, total: int, crossed: int,
                   times: dict[str, list[float]], quiet: list[str]) -> None:
    """The rounds of :func:`compare_answers`, its servers running."""
    from playwright.sync_api import sync_playwright

    from bench.answer import cold_answer
    from bench.browser import cold_paints

    with (running_app("app.py", layers, root=a, env=env_a, extra_args=quiet) as url_a,
          running_app("app.py", layers, root=b, env=env_b, extra_args=quiet) as url_b,
          running_app("bench/baseline_app.py", layers, root=b, extra_args=quiet) as url_bare,
          sync_playwright() as playwright):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        urls = {"a": url_a, "b": url_b, "bare": url_bare}
        try:
            for url in urls.values():
                cold_paints(browser, url, total, timeout_s * 1000)
            sides = list(urls)
            for number in range(rounds):
                for side in sides[number % 3:] + sides[:number % 3]:
                    try:
                        answer = cold_answer(browser, urls[side], crossed, timeout_s * 1000)
                        times[side].append(answer.answer_s)
                        print(f"round {number + 1} {side}: {answer.as_dict()}", file=sys.stderr, flush=True)
                    except Exception as error:  # noted, the comparison goes on
                        times[side].append(float("nan"))
                        print(f"round {number + 1} {side}: {type(error).__name__}: {error}", file=sys.stderr)
        finally:
            browser.close()


def _features_file(browser: Any, url: str, total: int, timeout_ms: float) -> bytes:
    """The features file the live map at ``url`` fetches (what the static floor draws)."""
    from bench.browser import download
    from bench.viewer import DATA_URL_PART, _is_filter_index

    page: Any = new_context(browser).new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url) if DATA_URL_PART in request.url else None)
    try:
        page.add_init_script(COLD_JS)
        page.goto(url)
        wait_drawn(page, total, timeout_ms)
        return next(download(u) for u in dict.fromkeys(urls) if not _is_filter_index(u))
    finally:
        page.context.close()


def compare_paints(a: Path, b: Path, layers: Path, rounds: int, env_a: Mapping[str, str] | None = None,
                   env_b: Mapping[str, str] | None = None, timeout_s: float = 120.0) -> dict[str, list[float]]:
    """Cold first paints (:func:`bench.browser.cold_paints`) of both viewers, alternating, and of the static floor.

    Both servers run at once; each serves one session first (as in :mod:`bench.run`); every
    round opens each viewer in a fresh context (which goes first alternates), then the static
    floor page (:mod:`bench.floor`) with the features file the viewer ``b`` sent.  Seconds per
    side (``a``, ``b``, ``floor``) from navigation to the first painted frame with every feature;
    NaN for a load that failed.
    """
    from playwright.sync_api import sync_playwright

    from bench.browser import cold_paints
    from bench.floor import serving, write_floor

    total = total_features(layers)
    times: dict[str, list[float]] = {"a": [], "b": [], "floor": []}
    quiet = ["--server.fileWatcherType", "none"]
    with tempfile.TemporaryDirectory(prefix="yuqian-ab-") as tmp:
        env_a = {"YUQIAN_CACHE": f"{tmp}/a", **(env_a or {})}
        env_b = {"YUQIAN_CACHE": f"{tmp}/b", **(env_b or {})}
        with (running_app("app.py", layers, root=a, env=env_a, extra_args=quiet) as url_a,
              running_app("app.py", layers, root=b, env=env_b, extra_args=quiet) as url_b,
              sync_playwright() as playwright):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for url in (url_a, url_b):
                    cold_paints(browser, url, total, timeout_s * 1000)
                write_floor(Path(tmp) / "floor", _features_file(browser, url_b, total, timeout_s * 1000))
                with serving(Path(tmp) / "floor") as url_floor:
                    urls = {"a": url_a, "b": url_b, "floor": url_floor}
                    for number in range(rounds):
                        for side in (("a", "b", "floor") if number % 2 == 0 else ("b", "a", "floor")):
                            try:
                                times[side].append(cold_paints(browser, urls[side], total,
                                                               timeout_s * 1000).first_paint_s)
                                print(f"round {number + 1} {side}: {times[side][-1]:.3f} s", file=sys.stderr,
                                      flush=True)
                            except Exception as error:  # noted, the comparison goes on
                                times[side].append(float("nan"))
                                print(f"round {number + 1} {side}: {type(error).__name__}: {error}",
                                      file=sys.stderr)
            finally:
                browser.close()
    return times


def _print_cold(summary: dict[str, dict[str, float]], names: dict[str, str], what: str) -> None:
    """One line per side of paired cold loads: its p50, p25 and p75 seconds."""
    for side, row in summary.items():
        print(f"{side} {names[side]}: {what} p50 {row['p50']:.2f} s "
              f"(p25 {row['p25']:.2f}, p75 {row['p75']:.2f}, {row['n']:.0f} loads)")


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print it."""
    parser = argparse.ArgumentParser(description="Paired filter-redraw times of two checkouts of this project.")
    parser.add_argument("--a", type=Path, required=True, help="the first checkout (e.g. a worktree of main)")
    parser.add_argument("--b", type=Path, default=ROOT, help="the second checkout (default: this one)")
    parser.add_argument("--layers", type=Path, default=ROOT / "layers", help="layers both viewers show")
    parser.add_argument("--changes", type=int, default=24, help="filter changes timed in each viewer")
    parser.add_argument("--a-env", nargs="*", default=[], help="NAME=VALUE settings for the first viewer only")
    parser.add_argument("--b-env", nargs="*", default=[], help="NAME=VALUE settings for the second viewer only")
    parser.add_argument("--answer", type=int, default=0, metavar="ROUNDS",
                        help="instead: ROUNDS cold loads of each viewer and of the bare page, each answering "
                             "the cross-border box toggled as soon as it can be (navigation -> answer painted)")
    parser.add_argument("--paint", type=int, default=0, metavar="ROUNDS",
                        help="instead: ROUNDS cold loads of each viewer and of the static floor page, "
                             "each timed to its first painted frame with every feature")
    args = parser.parse_args(argv)
    if args.paint > 0:
        summary = answer_summary(compare_paints(args.a, args.b, args.layers, args.paint,
                                                parse_env(args.a_env), parse_env(args.b_env)))
        _print_cold(summary, {"a": str(args.a), "b": str(args.b), "floor": "static floor (bench/floor.py)"},
                    "cold first paint")
        return 0
    if args.answer > 0:
        summary = answer_summary(compare_answers(args.a, args.b, args.layers, args.answer,
                                                 parse_env(args.a_env), parse_env(args.b_env)))
        bare = "bare Streamlit page (bench/baseline_app.py)"
        _print_cold(summary, {"a": str(args.a), "b": str(args.b), "bare": bare}, "cold answer")
        return 0
    result = compare(args.a, args.b, args.layers, args.changes, parse_env(args.a_env), parse_env(args.b_env))
    print(f"a {args.a}: p50 {result['a_p50']:.0f} ms (p25 {result['a_p25']:.0f}, p75 {result['a_p75']:.0f})")
    print(f"b {args.b}: p50 {result['b_p50']:.0f} ms (p25 {result['b_p25']:.0f}, p75 {result['b_p75']:.0f})")
    print(f"b - a over the same changes: median {result['diff_median']:+.0f} ms, mean {result['diff_mean']:+.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
