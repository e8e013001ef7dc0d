"""The edit panel of a signed-in editor: move or redraw, progress, note (the audit trail is in ``_edit_history``).

Every save goes through :func:`save`, which re-checks the session and the
account with the store (:func:`geo.view.edit._session.session_user`) and passes
the version the editor started from: when someone else saved the feature in
between, the store refuses with :class:`geo.edits.EditConflict`, the panel says
who and when, and the editor's input stays in the widgets (their keys do not
change) to be saved again on the latest version.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import geopandas as gpd
import streamlit as st

from geo._html import escape_markdown
from geo.config import PRECISIONS, STATUSES
from geo.view.edit._forms import (
    LINE_PRECISIONS,
    POINT_PRECISIONS,
    coords_text,
    date_ok,
    feature_kind,
    geojson_geometry,
    geometry_coords,
    parse_coords,
    position_problems,
    text_problems,
)
from geo.view.edit._geometry_map import EDIT_MAP_HEIGHT_PX, drawn_coordinates, edit_map
from geo.view.edit._session import session_user
from geo.view.files import AssetUrls
from geo.view.i18n import Language, short_time, text, vocab_label

#: Key prefix of every widget and value of the panel.
PREFIX: Final[str] = "yq_edit_"
#: Key of the container of the edit map, and the rule keeping that map at its own height.
EDIT_MAP_BOX: Final[str] = "yq_edit_map_box"
EDIT_MAP_CSS: Final[str] = (f'<style>.st-key-{EDIT_MAP_BOX} iframe[title="streamlit_folium.st_folium"] '
                            f"{{ height: {EDIT_MAP_HEIGHT_PX}px !important; min-height: 0; }}</style>")
#: Session-state key of the message shown after a save's rerun.
FLASH_KEY: Final[str] = "yq_edit_flash"


def key(name: str, fid: str) -> str:
    """Session-state key of ``name`` for feature ``fid`` (inputs are kept per feature)."""
    return f"{PREFIX}{name}_{fid}"


def base_version(store: Any, fid: str) -> int:
    """The version of ``fid`` the editor started from (read from the store when first needed)."""
    name = key("base", fid)
    if name not in st.session_state:
        st.session_state[name] = int(store.version_of(fid))
    return int(st.session_state[name])


def conflict_message(conflict: Exception, lang: Language) -> str:
    """"Not saved: X changed this feature at T", from an :class:`~geo.edits.EditConflict`."""
    user = getattr(conflict, "changed_by", None) or "?"
    when = getattr(conflict, "changed_at", None) or "?"
    return text("edit_conflict", lang).format(user=escape_markdown(user), time=escape_markdown(short_time(when)))


def save(store: Any, fid: str, lang: Language, action: Callable[[Any, int], Any], done: str = "") -> bool:
    """Run one write against the store, for the signed-in editor only.

    Parameters
    ----------
    store : geo.edits.EditStore
        The store.
    fid : str
        Feature edited.
    lang : {"zh", "en"}
        Interface language.
    action : callable
        ``action(user_name, base_version)`` doing the write; the store checks the
        account's role again in the same transaction.
    done : str
        The message shown once it is written (default: saved).

    Returns
    -------
    bool
        ``True`` when saved (the page is then rerun to show the new state).
    """
    from geo.edits import EditConflict

    user = session_user(store)
    if user is None:  # expired, removed or demoted since the page was drawn
        st.error(text("edit_expired", lang))
        return False
    try:
        action(user.name, base_version(store, fid))
    except EditConflict as conflict:  # shown at the top of the panel by show_conflict, input kept
        st.session_state[key("conflict", fid)] = conflict_message(conflict, lang)
        st.rerun()
    except (ValueError, PermissionError) as error:
        st.error(f"{text('edit_invalid', lang)}: {escape_markdown(error)}")
        return False
    st.session_state[key("base", fid)] = int(store.version_of(fid))
    st.session_state.pop(key("conflict", fid), None)
    st.session_state[FLASH_KEY] = done or text("edit_saved", lang)
    return True


def show_conflict(store: Any, fid: str, lang: Language) -> None:
    """The refusal of the last save, and the button that takes the latest version (input kept)."""
    message = st.session_state.get(key("conflict", fid))
    if not message:
        return
    st.error(message)
    if st.button(text("edit_reapply", lang), key=key("reapply", fid)):
        st.session_state[key("base", fid)] = int(store.version_of(fid))
        st.session_state.pop(key("conflict", fid), None)
        st.rerun()


def _report(problems: list[str], lang: Language) -> None:
    st.error(f"{text('edit_invalid', lang)}: " + "; ".join(escape_markdown(text(p, lang)) for p in problems))


def geometry_form(store: Any, layer: str, fid: str, geometry: Any, basemap: str, lang: Language,
                  urls: AssetUrls, context: gpd.GeoDataFrame | None = None) -> bool:
    """Move a point (drag, click or lon/lat) or redraw a line (draw, drag vertices or paste)."""
    from streamlit_folium import st_folium

    kind = feature_kind(layer)
    coords = geometry_coords(geometry)
    st.caption(text("edit_map_help_point" if kind == "point" else "edit_map_help_line", lang))
    st.markdown(EDIT_MAP_CSS, unsafe_allow_html=True)
    with st.container(key=EDIT_MAP_BOX):  # the page's own rule sizes every map iframe to the window
        returned = st_folium(edit_map(kind, coords, basemap, lang, urls, context, fid), key=key("map", fid),
                             height=EDIT_MAP_HEIGHT_PX, use_container_width=True,
                             returned_objects=["last_active_drawing"])
    drawn = drawn_coordinates((returned or {}).get("last_active_drawing"), kind)
    if drawn is not None and drawn != st.session_state.get(key("drawn", fid)):
        st.session_state[key("drawn", fid)] = drawn  # a new drag, click or drawing fills the inputs
        if kind == "point":
            st.session_state[key("lon", fid)], st.session_state[key("lat", fid)] = drawn[0]
        else:
            st.session_state[key("coords", fid)] = coords_text(drawn)
    if kind == "point":
        left, right = st.columns(2)
        st.session_state.setdefault(key("lon", fid), coords[0][0] if coords else 0.0)
        st.session_state.setdefault(key("lat", fid), coords[0][1] if coords else 0.0)
        lon = left.number_input(text("edit_lon", lang), key=key("lon", fid), format="%.6f", step=0.0001)
        lat = right.number_input(text("edit_lat", lang), key=key("lat", fid), format="%.6f", step=0.0001)
        choices = POINT_PRECISIONS
    else:
        st.session_state.setdefault(key("coords", fid), coords_text(coords))
        pasted = st.text_area(text("edit_coords", lang), key=key("coords", fid), height=120)
        choices = LINE_PRECISIONS
    precision = st.selectbox(text("edit_precision", lang), choices, key=key("precision", fid),
                             format_func=lambda c: f"{vocab_label(PRECISIONS, c, lang)} ({c})")
    source = st.text_input(text("edit_source", lang), key=key("move_source", fid),
                           help=text("edit_source_help", lang))
    note = st.text_input(text("edit_note", lang), key=key("move_note", fid))
    if not st.button(text("edit_save_move" if kind == "point" else "edit_save_line", lang),
                     key=key("save_move", fid), type="primary"):
        return False
    if kind == "point":
        new_coords = [[float(lon), float(lat)]]
        problems = position_problems(float(lon), float(lat))
    else:
        new_coords, problems = parse_coords(pasted)
        problems = [f"{text('edit_bad_coords', lang)}{p}" for p in problems]
    problems += text_problems(source, note)
    if problems:
        _report(problems, lang)
        return False
    shape = geojson_geometry(kind, new_coords)
    return save(store, fid, lang, lambda user, version: store.move(
        fid, layer, shape, precision, source.strip(), user=user, base_version=version, note=note.strip()))


def status_select(label: str, widget_key: str, current: str, lang: Language) -> str:
    """A select box of the statuses, labelled in the language with the code (``在建 (under_construction)``).

    It starts on ``current`` (the first status when that is none of them); the edit panel and the document
    scanner's accept form both save what it returns.
    """
    codes = list(STATUSES)
    return str(st.selectbox(label, codes, key=widget_key, index=codes.index(current) if current in codes else 0,
                            format_func=lambda c: f"{vocab_label(STATUSES, c, lang)} ({c})"))


def status_form(store: Any, layer: str, fid: str, row: Mapping[str, Any], lang: Language) -> bool:
    """Record progress: a new status, its effective date and source (the plan's status is kept)."""
    plan = str(row.get("plan_status") or row.get("status") or "")
    if not plan:
        st.caption(text("edit_no_status", lang))
        return False
    st.markdown(f"{text('edit_plan_status', lang)}: **{escape_markdown(vocab_label(STATUSES, plan, lang))}**")
    known = str(row.get("latest_status") or plan)  # start from the latest known status
    status = status_select(text("edit_new_status", lang), key("status", fid), known, lang)
    when = st.text_input(text("edit_status_date", lang), key=key("status_date", fid), placeholder="2026-06")
    source = st.text_input(text("edit_source", lang), key=key("status_source", fid),
                           help=text("edit_source_help", lang))
    note = st.text_input(text("edit_note", lang), key=key("status_note", fid))
    if not st.button(text("edit_save_status", lang), key=key("save_status", fid), type="primary"):
        return False
    problems = text_problems(source, note) + ([] if date_ok(when) else ["edit_bad_date"])
    if problems:
        _report(problems, lang)
        return False
    return save(store, fid, lang, lambda user, version: store.set_status(
        fid, layer, status, when.strip(), source.strip(), user=user, base_version=version, note=note.strip()))


def note_form(store: Any, layer: str, fid: str, lang: Language) -> bool:
    """Add a note (with an optional source) to the feature's record."""
    note = st.text_area(text("edit_note", lang), key=key("note", fid), height=80)
    source = st.text_input(text("edit_source_optional", lang), key=key("note_source", fid),
                           help=text("edit_source_help", lang))
    if not st.button(text("edit_save_note", lang), key=key("save_note", fid), type="primary"):
        return False
    problems = text_problems(source, note, source_required=False) + ([] if note.strip() else ["edit_note"])
    if problems:
        _report(problems, lang)
        return False
    return save(store, fid, lang, lambda user, version: store.add_note(
        fid, layer, note.strip(), source.strip(), user=user, base_version=version))


def feature_row(layers: Mapping[str, gpd.GeoDataFrame], layer: str, fid: str) -> tuple[dict[str, Any], Any]:
    """The properties and geometry of feature ``fid`` of ``layer`` (edited state)."""
    frame = layers[layer]
    match = frame[frame["id"].astype(str) == fid]
    if match.empty:
        return {}, None
    first = match.iloc[0]
    return first.drop(labels=[frame.geometry.name]).to_dict(), first[frame.geometry.name]
