"""The layers as edited: the store's current state folded into the loaded layers, cached by version.

The viewer's caches are keyed by a signature of the layer files
(:func:`geo.view.cache.folder_signature`); :func:`edit_signature` adds the
store's revision and the status view chosen, so that a save, a revert or a
switch between "per the plan" and "latest" gives new layers while every other
run reuses the cached ones.  Map, popups, filters, table and downloads all read
those layers, so they all show the edited state.  The plan's files are never
written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any, Final

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.view.edit._session import view_store
from geo.view.edit._watcher import note_shown

#: Signature entry carrying the store's revision.
EDITS_MARK: Final[str] = "@edits"
#: Signature entry present when the latest known status replaces the plan's.
LATEST_MARK: Final[str] = "@status=latest"
#: Session-state key of the status view radio (``plan`` or ``latest``).
STATUS_VIEW_KEY: Final[str] = "yq_status_view"
STATUS_VIEWS: Final[tuple[str, ...]] = ("plan", "latest")
#: Column keeping the plan's own status when the latest one is shown.
PLAN_STATUS: Final[str] = "plan_status"


def store_revision(store: Any) -> int:
    """A number that grows with every save or revert: the sum of the edited features' versions.

    Each edit (a revert too) raises its feature's version by one, and
    :meth:`EditStore.current` is answered from the store's own cache after one
    small query, so this costs little on every run.
    """
    return int(sum(int(state.version) for state in store.current().values()))


def store_identity() -> str:
    """Which store the edits come from (its setting), so that two stores never share cached layers."""
    from geo.edits import default_url

    return default_url()


def store_signature() -> tuple[tuple[str, float], ...]:
    """The store's entry of the signature: which store and its revision; empty without a usable store.

    Needs no session: the server's warm-up and the preview read it too.
    """
    store = view_store()
    if store is None:
        return ()
    with contextlib.suppress(OSError, ValueError, RuntimeError):  # an unreadable store shows the plan
        return ((f"{EDITS_MARK}:{store_identity()}", float(store_revision(store))),)
    return ()


def edit_signature() -> tuple[tuple[str, float], ...]:
    """Entries to append to the folder signature: store revision and status view.

    Returns
    -------
    tuple of (str, float)
        Empty when there is no usable store and the plan's view is chosen.
    """
    entries = list(store_signature())
    if entries:  # noted now, so a run that follows its own save is not rerun by the watcher before it ends
        note_shown(tuple(entries))
    if st.session_state.get(STATUS_VIEW_KEY) == "latest":
        entries.append((LATEST_MARK, 1.0))
    return tuple(entries)


def with_edits(layers: dict[str, gpd.GeoDataFrame],
               signature: tuple[tuple[str, float], ...]) -> dict[str, gpd.GeoDataFrame]:
    """The layers with the store's current state applied, as ``signature`` asks.

    Parameters
    ----------
    layers : dict of str to geopandas.GeoDataFrame
        The layers as recorded (not modified).
    signature : tuple
        The cache signature; its :data:`EDITS_MARK` and :data:`LATEST_MARK`
        entries say whether to apply the edits and which status to show.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        Edited copies (moved geometry, precision, ``coord_source``, ``edited_by``,
        ``edited_at``, ``latest_status``, ``latest_status_date``,
        ``changed_since_plan``), or ``layers`` itself when there is nothing to do.
    """
    names = {name for name, _ in signature}
    if any(name.startswith(EDITS_MARK) for name in names):
        store = view_store()
        if store is not None:
            from geo.edits import apply_edits

            layers = apply_edits(layers, store.current())
    if LATEST_MARK in names:
        layers = {name: latest_status_view(frame) for name, frame in layers.items()}
    return layers


def latest_status_view(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy whose ``status`` is the latest known one; the plan's is kept in :data:`PLAN_STATUS`."""
    if "status" not in frame.columns or "latest_status" not in frame.columns:
        return frame
    latest = frame["latest_status"]
    known = latest.notna() & (latest.astype(str).str.len() > 0)
    if not known.any():
        return frame
    shown = frame.copy()
    shown[PLAN_STATUS] = frame["status"]
    shown["status"] = frame["status"].where(~known, latest)
    return shown


def changed_rows(frame: gpd.GeoDataFrame) -> pd.Series:
    """Boolean mask of the rows changed since the plan (moved, redrawn or with a newer status)."""
    if "changed_since_plan" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["changed_since_plan"].fillna(False).astype(bool)


def changed_counts(layers: Mapping[str, gpd.GeoDataFrame]) -> int:
    """How many features of ``layers`` changed since the plan."""
    return int(sum(int(changed_rows(frame).sum()) for frame in layers.values()))
