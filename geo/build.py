"""The build: records -> gazetteer -> geocode -> geometry -> layers -> files.

:func:`run_build` ties the stages together for the command line: it loads and
checks the records, builds and validates every layer in memory, then either
writes ``layers/`` atomically or, with ``check=True``, only compares.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from geo import config
from geo._errors import LayerError
from geo.boundaries import load_counties
from geo.gazetteer import load_gazetteer
from geo.layers import build_layers
from geo.records import load_all_records
from geo.store import save_layers, stale_files
from geo.validate import check_layers


@dataclass
class BuildReport:
    """What a build produced: counts, the features placed only coarsely and those of unknown position."""

    counts: dict[str, int] = field(default_factory=dict)
    precision: dict[str, Counter] = field(default_factory=dict)
    coarse: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    unplaced: list[tuple[str, str, str]] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    edited: int = 0
    output: Path | None = None

    def format(self) -> str:
        """A plain-text summary: per layer, per precision class, coarse features."""
        classes = list(config.PRECISIONS)
        lines = [f"{'layer':<18} {'features':>8}  " + "  ".join(f"{c:>9}" for c in classes)]
        totals: Counter = Counter()
        for name, count in self.counts.items():
            per = self.precision.get(name, Counter())
            totals.update(per)
            lines.append(f"{name:<18} {count:>8}  " + "  ".join(f"{per.get(c, 0):>9}" for c in classes))
        lines.append(f"{'total':<18} {sum(self.counts.values()):>8}  "
                     + "  ".join(f"{totals.get(c, 0):>9}" for c in classes))
        if self.coarse:
            lines.append("")
            lines.append(f"placed only at township or county seat ({len(self.coarse)}):")
            for layer, fid, name, precision, at in self.coarse:
                lines.append(f"  {precision:<8} {layer}/{fid}  {name}  -> {at}")
        if self.unplaced:
            lines.append("")
            lines.append(f"position unknown, kept without geometry ({len(self.unplaced)}):")
            lines.extend(f"  {layer}/{fid}  {name}" for layer, fid, name in self.unplaced)
        return "\n".join(lines)


def summarize(layers: dict[str, gpd.GeoDataFrame]) -> BuildReport:
    """Count features per layer and per precision class, list coarse and unplaced ones."""
    report = BuildReport()
    for name, frame in layers.items():
        report.counts[name] = len(frame)
        if "precision" in frame.columns:
            report.precision[name] = Counter(frame["precision"])
            coarse = frame[frame["precision"].isin(["township", "county"])]
            for row in coarse.itertuples(index=False):
                at = getattr(row, "located_at", "") or ""
                report.coarse.append((name, row.id, row.name, row.precision, str(at)))
            unplaced = frame[frame["precision"] == config.UNKNOWN_PRECISION]
            report.unplaced.extend((name, str(fid), str(label)) for fid, label in zip(unplaced["id"], unplaced["name"],
                                                                                       strict=True))
    return report


def run_build(
    *,
    check: bool = False,
    seeds: Path | None = None,
    output: Path | None = None,
    gazetteer: Path | None = None,
    counties: Path | None = None,
    with_edits: bool = False,
) -> BuildReport:
    """Build the layers and write them, or check that ``layers/`` is current.

    Parameters
    ----------
    check : bool
        Compare with the files on disk instead of writing.
    seeds, output : Path, optional
        Record folder and layers folder; default to the configured ones.
    gazetteer, counties : Path, optional
        Gazetteer CSV and county GeoJSON; default to the shipped ones.
    with_edits : bool
        Fold in the corrections of the edit store (:func:`geo.edits.open_store`);
        the output then defaults to ``$YUQIAN_DATA/layers_with_edits`` so that
        ``layers/`` stays the plan as recorded.

    Returns
    -------
    BuildReport
        With ``stale`` listing out-of-date files when ``check`` is set.

    Raises
    ------
    RecordError, GeocodeError, LayerError
        When a record, a place or a built layer is wrong; nothing is written.
    """
    records = load_all_records(seeds)
    county_frame = load_counties(counties)
    layers = build_layers(records, load_gazetteer(gazetteer), county_frame)
    problems = check_layers(layers, county_frame)
    if problems:
        raise LayerError("built layers break the data contract", problems)
    edited = 0
    if with_edits:
        layers, edited = _fold_edits(layers)
        problems = check_layers(layers, county_frame)
        if problems:
            raise LayerError("the layers with the edits folded in break the data contract", problems)
        output = output or config.data_dir() / "layers_with_edits"
    report = summarize(layers)
    report.edited = edited
    report.output = output or config.layers_dir()
    if check:
        report.stale = stale_files(layers, output)
    else:
        save_layers(layers, output)
    return report


def _fold_edits(layers: dict[str, gpd.GeoDataFrame]) -> tuple[dict[str, gpd.GeoDataFrame], int]:
    """The layers with the store's current state folded in, and the number of features changed."""
    from geo.edits import apply_edits, open_store

    with open_store() as store:
        states = store.current()
    folded = apply_edits(layers, states)
    changed = sum(int(frame["changed_since_plan"].sum()) for frame in folded.values()
                  if "changed_since_plan" in frame.columns)
    return folded, changed
