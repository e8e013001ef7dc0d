"""The view state (language, filters, basemap, selections) and its URL query string.

:func:`state_to_query` writes only what differs from the default view, so the
plain URL opens the default map; :func:`state_from_query` reads it back,
ignoring malformed values.  Lists are comma-separated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Final, get_args

from geo.config import LAYERS
from geo.filters import Criteria
from geo.view.i18n import Language
from geo.view.map import BASEMAPS, DEFAULT_BASEMAP, is_gcj02

#: Query-string key of each state field.
QUERY_KEYS: Final[dict[str, str]] = {
    "lang": "lang",
    "layers_on": "layers",
    "provinces": "prov",
    "counties": "county",
    "modes": "mode",
    "statuses": "status",
    "routes": "route",
    "logistics_kinds": "kind",
    "cross_border_only": "xb",
    "text": "q",
    "basemap": "base",
    "township": "town",
    "radius_km": "km",
    "stop_route": "stops",
    "show_table": "table",
    "status_groups": "sgroup",
    "step_back": "back",
}
LIST_SEPARATOR: Final[str] = ","
#: Query-string keys of the map's view, written by the map's frame itself (``geo/view/map/js/shareview.js``):
#: ``center=lat,lon&zoom=z``.  Not part of :class:`ViewState`: a pan costs no run of the script.
VIEW_QUERY_KEYS: Final[tuple[str, str]] = ("center", "zoom")
DEFAULT_RADIUS_KM: Final[float] = 15.0
MAX_RADIUS_KM: Final[float] = 100.0
#: How the layers a filter does not narrow are drawn (:func:`geo.filters.stepped_back`): pale behind, or hidden.
STEP_BACK_MODES: Final[tuple[str, ...]] = ("pale", "hide")


@dataclass
class ViewState:
    """Everything a link must reproduce: the language, the filter :attr:`criteria`, the basemap, the tools."""

    lang: Language = "zh"
    layers_on: list[str] = field(default_factory=lambda: list(LAYERS))
    provinces: list[str] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    logistics_kinds: list[str] = field(default_factory=list)
    cross_border_only: bool = False
    text: str = ""
    basemap: str = DEFAULT_BASEMAP
    township: str = ""
    radius_km: float = DEFAULT_RADIUS_KM
    stop_route: str = ""
    show_table: bool = False
    status_groups: list[str] = field(default_factory=list)
    step_back: str = "pale"

    @property
    def criteria(self) -> Criteria:
        """The filter criteria of this state (for :func:`geo.filters.filter_layers` and the download)."""
        return Criteria(layers_on=tuple(self.layers_on), provinces=tuple(self.provinces),
                        counties=tuple(self.counties), modes=tuple(self.modes), statuses=tuple(self.statuses),
                        routes=tuple(self.routes), logistics_kinds=tuple(self.logistics_kinds),
                        cross_border_only=self.cross_border_only, text=self.text or None,
                        status_groups=tuple(self.status_groups))

    @property
    def gcj02(self) -> bool:
        """Whether the basemap's tiles are in GCJ-02 (the features are then shifted to match)."""
        return is_gcj02(self.basemap)


def _first(value: str | list[str]) -> str:
    if isinstance(value, list):
        return value[-1] if value else ""
    return value


def state_to_query(state: ViewState) -> dict[str, str]:
    """Query-string parameters of a state, leaving out the defaults.

    Parameters
    ----------
    state : ViewState
        The current view.

    Returns
    -------
    dict of str to str
        Parameters for ``st.query_params``.
    """
    default = asdict(ViewState())
    current = asdict(state)
    query: dict[str, str] = {}
    for name, key in QUERY_KEYS.items():
        value = current[name]
        if value == default[name]:
            continue
        if isinstance(value, list):
            query[key] = LIST_SEPARATOR.join(value) if value else "-"
        elif isinstance(value, bool):
            query[key] = "1" if value else "0"
        elif isinstance(value, float):
            query[key] = f"{value:g}"
        else:
            query[key] = str(value)
    return query


def state_from_query(params: Mapping[str, str | list[str]],
                     allowed: Mapping[str, list[str]] | None = None,
                     aliases: Mapping[str, Mapping[str, str]] | None = None) -> ViewState:
    """Read a state from query-string parameters.

    The state holds codes, never the labels of one language; a link written
    before codes were kept (``mode=高速公路`` or ``mode=Expressway``) still
    opens its view: ``aliases`` turns such a label back into its code.

    Parameters
    ----------
    params : mapping
        ``st.query_params`` (or any mapping of key to value or list of values).
    allowed : mapping of str to list of str, optional
        For list fields, the values that exist (unknown ones are dropped).
    aliases : mapping of str to mapping of str to str, optional
        By field, label (in either language) -> code; applied before ``allowed``.

    Returns
    -------
    ViewState
        Defaults for anything missing or malformed.
    """
    state = ViewState()
    types = {f.name: f.type for f in fields(ViewState)}
    for name, key in QUERY_KEYS.items():
        if key not in params:
            continue
        raw = _first(params[key]).strip()
        kind = str(types[name])
        if kind.startswith("list"):
            values = [] if raw in ("", "-") else [v.strip() for v in raw.split(LIST_SEPARATOR) if v.strip()]
            values = [to_code(name, v, aliases) for v in values]
            if allowed is not None and name in allowed:
                values = [v for v in values if v in allowed[name]]
            setattr(state, name, list(dict.fromkeys(values)))
        elif kind == "bool":
            setattr(state, name, raw.lower() in {"1", "true", "yes"})
        elif kind == "float":
            try:
                number = float(raw)
            except ValueError:
                continue
            if 0 < number <= MAX_RADIUS_KM:
                setattr(state, name, number)
        else:
            raw = to_code(name, raw, aliases)
            if allowed is not None and name in allowed and raw not in allowed[name]:
                continue
            if (name == "lang" and raw not in get_args(Language)) or (name == "basemap" and raw not in BASEMAPS):
                continue
            setattr(state, name, raw)
    return state


def to_code(name: str, value: str, aliases: Mapping[str, Mapping[str, str]] | None) -> str:
    """The code of ``value`` for the state field ``name``: ``value`` itself unless it is a known label.

    Parameters
    ----------
    name : str
        A :class:`ViewState` field.
    value : str
        A code, or a label in either language.
    aliases : mapping of str to mapping of str to str, or None
        By field, label -> code.

    Returns
    -------
    str
        The code.
    """
    if aliases is None or name not in aliases:
        return value
    return aliases[name].get(value, value)


def map_view_from_query(params: Mapping[str, str | list[str]]) -> tuple[float, float, float] | None:
    """The map's view a link carries, ``(lat, lon, zoom)``, or ``None`` when it carries none (or a bad one).

    The frame opens the map at it by itself; the page reads it on a session's
    first run only so that a township or route in the same link does not zoom
    the map away from it.

    Parameters
    ----------
    params : mapping
        ``st.query_params``.

    Returns
    -------
    tuple of float or None
        Latitude, longitude (WGS84 degrees) and Leaflet zoom.
    """
    center_key, zoom_key = VIEW_QUERY_KEYS
    if center_key not in params or zoom_key not in params:
        return None
    parts = _first(params[center_key]).split(LIST_SEPARATOR)
    try:
        lat, lon = (float(p) for p in parts)
        zoom = float(_first(params[zoom_key]))
    except ValueError:
        return None
    if not (abs(lat) <= 90 and abs(lon) <= 180 and 0 <= zoom <= 22):
        return None
    return lat, lon, zoom
