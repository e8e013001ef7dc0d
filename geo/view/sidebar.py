"""The sidebar: language, filters and basemap, kept in step with the URL query string."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Final

import geopandas as gpd
import streamlit as st

from geo._html import escape_markdown
from geo.config import LAYERS, LOGISTICS_KINDS, MODES, PROVINCES, STATUSES, status_group
from geo.filters import Criteria, distinct_values, route_ids
from geo.symbology import status_group_label
from geo.view.i18n import (
    LANGUAGES,
    Language,
    bilingual,
    text,
    vocab_label,
)
from geo.view.map import BASEMAPS, basemap_label
from geo.view.state import (
    MAX_RADIUS_KM,
    STEP_BACK_MODES,
    VIEW_QUERY_KEYS,
    ViewState,
    map_view_from_query,
    state_from_query,
    state_to_query,
    to_code,
)

#: Session-state key of the widget of each state field.
WIDGET_KEYS: Final[dict[str, str]] = {f.name: f"yq_{f.name}" for f in fields(ViewState)}
INITIALISED_KEY: Final[str] = "yq_initialised_from_url"
#: Session-state key set on the first run when the link carries the map's view (centre and zoom): the
#: tools then do not zoom to a township or route of the same link (:func:`link_view_pending`).
LINK_VIEW_KEY: Final[str] = "yq_link_view"
#: Prefix of the session-state keys of the viewer: on a language change, those holding codes are written
#: again so that their widgets show the new language's labels (:func:`keep_codes`).
SESSION_PREFIX: Final[str] = "yq_"
#: The multiselect filters, in sidebar order, with the key of their title in :mod:`geo.view.i18n`.
_MULTISELECTS: Final[dict[str, str]] = {"layers_on": "layers", "provinces": "provinces", "counties": "counties",
                                        "modes": "modes", "status_groups": "status_groups", "statuses": "statuses",
                                        "routes": "routes",
                                        "logistics_kinds": "logistics_kinds"}


@dataclass(frozen=True)
class Choices:
    """The values each sidebar widget offers, read from the layers."""

    layers: list[str]
    provinces: list[str]
    counties: list[str]
    modes: list[str]
    statuses: list[str]
    routes: dict[str, tuple[str, str]]
    logistics_kinds: list[str]
    townships: dict[str, str]
    status_groups: list[str] = field(default_factory=list)

    def route_label(self, route_id: str, lang: Language) -> str:
        """Both names of a route, the interface language first."""
        names = self.routes.get(route_id)
        return bilingual(names[0], names[1], lang) if names else route_id

    def allowed(self) -> dict[str, list[str]]:
        """Valid values of each list or choice field of :class:`ViewState`."""
        return {"layers_on": self.layers, "provinces": self.provinces, "counties": self.counties,
                "modes": self.modes, "statuses": self.statuses, "routes": list(self.routes),
                "logistics_kinds": self.logistics_kinds, "basemap": list(BASEMAPS),
                "lang": list(LANGUAGES), "township": ["", *self.townships], "stop_route": ["", *self.routes],
                "status_groups": self.status_groups, "step_back": list(STEP_BACK_MODES)}

    def aliases(self) -> dict[str, dict[str, str]]:
        """By field, every label a widget writes in either language -> its code.

        A link made while the state held labels (``layers=行政区划``,
        ``mode=Expressway``, ``town=（无）``) is read back to codes with these.
        """
        found: dict[str, dict[str, str]] = {}
        allowed = self.allowed()
        languages: tuple[Language, ...] = ("zh", "en")
        for lang in languages:
            written: dict[str, Callable[[str], str]] = {
                **option_labels(self, lang),
                "basemap": lambda b: basemap_label(b, lang),  # noqa: B023 (used in this pass of the loop)
                "lang": LANGUAGES.__getitem__,
                "township": lambda t: self.townships.get(t, t) if t else text("none", lang),  # noqa: B023
                "stop_route": lambda r: self.route_label(r, lang) if r else text("none", lang),  # noqa: B023
                "step_back": lambda m: text(f"step_back_{m}", lang),  # noqa: B023
            }
            for name, label_of in written.items():
                codes = allowed[name]
                table = found.setdefault(name, {})
                for code in codes:
                    label = label_of(code)
                    if label != code and label not in codes:
                        table.setdefault(label, code)
        return found



def _column_values(frame: gpd.GeoDataFrame | None, column: str) -> list[str]:
    if frame is None or column not in frame.columns:
        return []
    return sorted({str(v) for v in frame[column].dropna().tolist() if str(v)})


def choices_from_layers(layers: Mapping[str, gpd.GeoDataFrame]) -> Choices:
    """Options of the widgets: vocabulary codes in config order, counties and names from the data.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        All layers.

    Returns
    -------
    Choices
        Options for every widget.
    """
    modes_present = set(_column_values(layers.get("corridors"), "mode"))
    statuses_present = set().union(*(_column_values(layers.get(n), "status")
                                     for n in ("corridors", "logistics_parks", "projects")))
    kinds_present = set(_column_values(layers.get("logistics_parks"), "kind"))
    routes_frame = layers.get("tourism_routes")
    routes: dict[str, tuple[str, str]] = {}
    if routes_frame is not None and not routes_frame.empty:
        for route_id, (_, row) in zip(route_ids(routes_frame), routes_frame.iterrows(), strict=True):
            routes[route_id] = (str(row.get("name", "")), str(row.get("name_en", "")))
    towns_frame = layers.get("townships")
    townships: dict[str, str] = {}
    if towns_frame is not None and not towns_frame.empty:
        for _, row in towns_frame.sort_values(["county", "name"]).iterrows():
            label = f"{row.get('name', '')} {row.get('name_en', '')} · {row.get('county', '')}"
            townships[str(row["id"])] = label
    provinces = [p for p in PROVINCES if p in distinct_values(layers, "province")]
    return Choices(
        layers=[name for name in LAYERS if name in layers],
        provinces=provinces,
        counties=distinct_values(layers, "county"),
        modes=[m for m in MODES if m in modes_present] + sorted(modes_present - set(MODES)),
        statuses=[s for s in STATUSES if s in statuses_present] + sorted(statuses_present - set(STATUSES)),
        routes=routes,
        logistics_kinds=[k for k in LOGISTICS_KINDS if k in kinds_present]
        + sorted(kinds_present - set(LOGISTICS_KINDS)),
        townships=townships,
        status_groups=list(dict.fromkeys(status_group(s) for s in STATUSES if s in statuses_present)),
    )


def filter_options(choices: Choices) -> dict[str, list[str]]:
    """The values each multiselect filter offers, by :class:`~geo.filters.Criteria` field."""
    return {"layers_on": choices.layers, "provinces": choices.provinces, "counties": choices.counties,
            "modes": choices.modes, "statuses": choices.statuses, "routes": list(choices.routes),
            "logistics_kinds": choices.logistics_kinds, "status_groups": choices.status_groups}


def option_labels(choices: Choices, lang: Language) -> dict[str, Callable[[str], str]]:
    """How each multiselect filter writes its values (the widgets' ``format_func``), by field."""
    return {"layers_on": lambda n: LAYERS[n][0] if lang == "zh" else LAYERS[n][1],
            "provinces": lambda p: p if lang == "zh" else PROVINCES.get(p, p),
            "counties": str,
            "modes": lambda c: vocab_label(MODES, c, lang),
            "statuses": lambda c: vocab_label(STATUSES, c, lang),
            "routes": lambda r: choices.route_label(r, lang),
            "logistics_kinds": lambda c: vocab_label(LOGISTICS_KINDS, c, lang),
            "status_groups": lambda g: status_group_label(g, lang)}


def widget_class(key: str) -> str:
    """The class Streamlit gives the element of the widget with session-state ``key`` (``st-key-...``)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def filter_widgets(choices: Choices, lang: Language) -> dict[str, list[dict[str, object]]]:
    """Where the map frame reads the filter widgets in the page, and what their labels mean.

    The map frame redraws a filter change before the server answers
    (``geo/view/js/predict.js``): it reads the widgets' state in the page, by the
    class of each widget's element, and turns a multiselect's chips back into
    values with these labels.  A label two values share is left out: a chip
    the frame cannot read makes it wait for the server.

    Parameters
    ----------
    choices : Choices
        Options from :func:`choices_from_layers`.
    lang : {"zh", "en"}
        The language the widgets are written in.

    Returns
    -------
    dict
        ``{"fields": [{"name", "widget", "kind", "labels"?}, ...]}``: the
        :class:`~geo.filters.Criteria` field, the widget's class, and ``"text"``,
        ``"multi"`` (with ``labels``: label -> value) or ``"check"``.
    """
    fields_out: list[dict[str, object]] = [{"name": "text", "widget": widget_class(WIDGET_KEYS["text"]),
                                            "kind": "text"}]
    options, labels = filter_options(choices), option_labels(choices, lang)
    for name in _MULTISELECTS:
        written = {value: labels[name](value) for value in options[name]}
        seen = Counter(written.values())
        unique = {label: value for value, label in written.items() if seen[label] == 1}
        fields_out.append({"name": name, "widget": widget_class(WIDGET_KEYS[name]), "kind": "multi", "labels": unique})
    fields_out.append({"name": "cross_border_only", "widget": widget_class(WIDGET_KEYS["cross_border_only"]),
                       "kind": "check"})
    return {"fields": fields_out}


def initialise_from_url(choices: Choices) -> None:
    """On a session's first run, put the URL's state into the widgets' session state."""
    if st.session_state.get(INITIALISED_KEY):
        return
    params = st.query_params.to_dict()
    state = state_from_query(params, choices.allowed(), choices.aliases())
    for f in fields(ViewState):
        st.session_state[WIDGET_KEYS[f.name]] = getattr(state, f.name)
    st.session_state[INITIALISED_KEY] = True
    if map_view_from_query(params) is not None:
        st.session_state[LINK_VIEW_KEY] = True


def link_view_pending() -> bool:
    """Whether this run opens a link that carries the map's view (then no tool zooms the map on it)."""
    return bool(st.session_state.get(LINK_VIEW_KEY))


def repair_codes(choices: Choices) -> None:
    """Put codes back into any widget of the view holding a label (a link of before, or a lost switch).

    Runs before the widgets are drawn, where their session state may still be
    set.  The labels are looked up only when a value is not a code (the common
    run costs a set lookup per value).
    """
    allowed = {name: set(values) for name, values in choices.allowed().items()}
    aliases: dict[str, dict[str, str]] | None = None
    for name, codes in allowed.items():
        key = WIDGET_KEYS[name]
        value = st.session_state.get(key)
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        if value is None or all(isinstance(v, str) and v in codes for v in items):
            continue
        aliases = aliases if aliases is not None else choices.aliases()
        fixed = [to_code(name, str(v), aliases) for v in items]
        if isinstance(value, (list, tuple)):
            st.session_state[key] = list(dict.fromkeys(v for v in fixed if v in codes))
        else:
            st.session_state[key] = fixed[0] if fixed[0] in codes else getattr(ViewState(), name)


def keep_codes() -> None:
    """Callback of the language radio: write every widget value of the viewer again, as it is.

    Streamlit keeps a choice widget's value in the browser as the label its
    ``format_func`` wrote; after a language change the new labels match none of
    the old ones, and the next run would read the old labels as values
    (``layers=行政区划`` in an English page).  Set from the session state, a
    widget is sent to the browser again with the labels of the new language.
    Values that are not text (buttons, uploads, editors' sessions) are left
    alone; a widget whose value cannot be set is skipped.
    """
    from streamlit.errors import StreamlitAPIException

    for key in list(st.session_state.keys()):
        if not str(key).startswith(SESSION_PREFIX) or key == WIDGET_KEYS["lang"]:
            continue
        try:
            value = st.session_state[key]
        except KeyError:
            continue
        if isinstance(value, str) or (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
            try:
                st.session_state[key] = list(value) if isinstance(value, tuple) else value
            except StreamlitAPIException:
                continue


def reset_filters() -> None:
    """Callback of the "clear filters" button: defaults for the filter widgets."""
    default = ViewState()
    for f in fields(Criteria):
        st.session_state[WIDGET_KEYS[f.name]] = getattr(default, f.name)


def sidebar_state(choices: Choices) -> ViewState:
    """The view the sidebar's widgets describe, read before they are drawn.

    Widget values live in the session state from the start of a run, so the
    page can draw the map first (a filter change then reaches the map sooner)
    and the widgets after it with :func:`draw_sidebar`.

    Parameters
    ----------
    choices : Choices
        Options from :func:`choices_from_layers`.

    Returns
    -------
    ViewState
        The current view (the URL's on a session's first run).
    """
    initialise_from_url(choices)
    repair_codes(choices)
    state = current_state()
    state.radius_km = min(max(float(state.radius_km), 1.0), MAX_RADIUS_KM)
    return state


def draw_sidebar(choices: Choices, state: ViewState, matches: int | None = None) -> ViewState:
    """Draw the sidebar widgets and write the state they describe to the URL.

    Parameters
    ----------
    choices : Choices
        Options from :func:`choices_from_layers`.
    state : ViewState
        From :func:`sidebar_state` earlier in the same run (the widgets show
        the same session-state values).
    matches : int, optional
        Features the search text found outside the reference layers; ``0``
        puts a note under the search box (the map then shows only those layers).

    Returns
    -------
    ViewState
        ``state``, now also in the URL query string.
    """
    keys = WIDGET_KEYS
    bar = st.sidebar
    bar.radio(text("language", st.session_state[keys["lang"]]), list(LANGUAGES), key=keys["lang"],
              format_func=LANGUAGES.__getitem__, horizontal=True, on_change=keep_codes)
    lang: Language = st.session_state[keys["lang"]]
    bar.header(text("filters", lang))
    choose = text("choose", lang)
    bar.text_input(text("search", lang), key=keys["text"], placeholder=text("search_help", lang))
    if matches == 0 and state.text.strip():
        bar.warning(no_match_note(state.text, lang))
    options, labels = filter_options(choices), option_labels(choices, lang)
    for name, title in _MULTISELECTS.items():
        bar.multiselect(text(title, lang), options[name], key=keys[name], format_func=labels[name],
                        placeholder=text("no_layer", lang) if name == "layers_on" else choose)
    bar.checkbox(text("cross_border", lang), key=keys["cross_border_only"])
    bar.radio(text("step_back", lang), list(STEP_BACK_MODES), key=keys["step_back"], horizontal=True,
              format_func=lambda mode: text(f"step_back_{mode}", lang))
    bar.button(text("reset", lang), on_click=reset_filters)
    bar.divider()
    bar.radio(text("basemap", lang), list(BASEMAPS), key=keys["basemap"],
              format_func=lambda b: basemap_label(b, lang))
    # the link's first run keeps its view in the address until the map's frame has read it (it writes it after)
    kept = {k: str(st.query_params[k]) for k in VIEW_QUERY_KEYS if k in st.query_params} if link_view_pending() else {}
    write_url(state, kept)
    st.session_state.pop(LINK_VIEW_KEY, None)  # only the link's first run keeps its view over the tools'
    return state


def no_match_note(query: str, lang: Language) -> str:
    """The note that a search found nothing, the query shown as text (Markdown escaped)."""
    return text("search_none", lang).format(query=escape_markdown(query.strip()))


def current_state() -> ViewState:
    """The state held by the widgets' session state (defaults for widgets not drawn yet)."""
    default = ViewState()
    values = {f.name: st.session_state.get(WIDGET_KEYS[f.name], getattr(default, f.name))
              for f in fields(ViewState)}
    for name, value in values.items():
        if isinstance(value, tuple):
            values[name] = list(value)
    return ViewState(**values)


def write_url(state: ViewState, extra: Mapping[str, str] | None = None) -> None:
    """Put the state (and ``extra`` parameters) into the URL query string when it changed."""
    query = {**state_to_query(state), **(extra or {})}
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
