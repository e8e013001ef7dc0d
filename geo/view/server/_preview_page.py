"""The preview as it goes into Streamlit's page: written into one self-contained page, in a box, with its script.

Private plumbing of :mod:`geo.view.server._preview`, used by
:class:`geo.view.server._serving.PreviewMiddleware`.
"""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from geo.view.files import JS_DIR, published_path
from geo.view.server._preview import PREVIEW_COMPONENT, PREVIEW_FRAME_ID, Preview

#: The box of the preview in Streamlit's page, where the page's style sheet puts the live map
#: (:data:`geo.view.page.PAGE_CSS`: below the title row, beside the sidebar; on a phone the sidebar
#: is closed).  ``js/preview.js`` then follows the live map's iframe itself.
_BOX_CSS: Final[str] = """
#yq-preview { position: fixed; z-index: 50; left: 324px; top: 123px; right: 24px; bottom: 27px;
  background: BACKGROUND; }
#yq-preview > iframe { border: 0; display: block; width: 100%; height: 100%; }
#yq-preview > .yq-preview-note { position: absolute; top: 6px; left: 50%; transform: translateX(-50%);
  padding: 2px 10px; border-radius: 10px; background: rgba(255,255,255,.92); color: #333; pointer-events: none;
  white-space: nowrap; max-width: 80%; overflow: hidden; text-overflow: ellipsis;
  font: 12px/1.5 "Noto Sans CJK SC", "Noto Sans SC", sans-serif; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
@media (max-width: 768px) { #yq-preview { left: 24px; } }
@media (max-width: 640px) { #yq-preview { left: 10px; right: 10px; top: 145px; bottom: 65px; }
  #yq-preview > .yq-preview-note { font-size: 11px; top: 58px; } }
"""


#: Largest features file written into the page (the plan's is about 0.35 MB); a larger one is fetched.
INLINE_FEATURES_MAX_BYTES: Final[int] = 2 * 1024 * 1024
_STYLE_SHEET: Final[re.Pattern[str]] = re.compile(r'<link rel="stylesheet" href="\.\./([^"]+)"\s*/?>')
_SCRIPT: Final[re.Pattern[str]] = re.compile(r'<script src="\.\./([^"]+)"></script>')
_CSS_URL: Final[re.Pattern[str]] = re.compile(r"""url\((['"]?)(?!data:|#|/|https?:)([^'")]+)\1\)""")


@functools.lru_cache(maxsize=4)
def inline_page(preview: Preview) -> str:
    """The preview page with its script, style sheets and features file written into it.

    A cold load showed the page's own requests queued behind Streamlit's hundred
    files (a browser opens six connections to one host), the features file
    asked for only once the script had come: inline, the page paints as soon as
    Streamlit's ``index.html`` is read.  Style sheets' images keep their URLs
    (relative to the page's ``<base>``); they do not hold up the first paint.
    """
    from geo.view.files import NODE_MODULES

    page = preview.html

    def style(match: re.Match[str]) -> str:
        relative = match.group(1)  # geo.view.files._assets.offline_assets/<path below node_modules>
        component, _, below = relative.partition("/")
        path = NODE_MODULES / below
        if not path.is_file():
            return match.group(0)
        folder = f"../{component}/{Path(below).parent.as_posix()}/"
        css = _CSS_URL.sub(lambda u: f'url("{folder}{u.group(2)}")', path.read_text(encoding="utf-8"))
        return f"<style>{css}</style>"  # these style sheets hold no markup

    def script(match: re.Match[str]) -> str:
        path = published_path(match.group(1).rsplit("/", 1)[-1])
        if path is None:
            return match.group(0)
        code = path.read_text(encoding="utf-8").replace("</script", "<\\/script")  # cannot end the element early
        return f"<script>{code}</script>"

    page = _SCRIPT.sub(script, _STYLE_SHEET.sub(style, page))
    features = preview.preloads[1] if len(preview.preloads) > 1 else ""
    data = published_path(features.rsplit("/", 1)[-1]) if features else None
    if data is not None and data.stat().st_size <= INLINE_FEATURES_MAX_BYTES:
        # handed to the map script as if fetched (mapread.js YQ.data), as the static site does; as JSON
        # read by JSON.parse, not a script literal, which took V8 about 10 ms more to compile on the plan
        key = json.dumps(f"../{features}")
        text = json_in_script(data.read_text(encoding="utf-8"))
        page = page.replace("</head>", f'<script type="application/json" id="{_DATA_ID}">{text}</script>'
                                       f"<script>window.yqData = {{{key}: Promise.resolve(JSON.parse("
                                       f'document.getElementById("{_DATA_ID}").textContent))}};</script></head>', 1)
    return page


#: ``id`` of the features' JSON element in the preview page.
_DATA_ID: Final[str] = "yq-features"


def json_in_script(text: str) -> str:
    """JSON ``text`` that cannot end or change the ``<script>`` element it is written in.

    ``<`` occurs in JSON only inside strings (the popups' markup), where ``\\/`` and
    ``\\u0021`` are the same characters to ``JSON.parse``.
    """
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def srcdoc_value(page: str) -> str:
    """``page`` as the value of a single-quoted ``srcdoc`` attribute: only ``&`` and ``'`` escaped.

    Inside a quoted attribute value nothing but its quote and ``&`` needs escaping.
    :func:`html.escape` also wrote every ``"`` (26,000 in the plan's page: its
    features' JSON) and every ``<`` and ``>`` as references: 0.88 MB instead of
    0.66 MB, nearly all of it references that the page's parser decodes, on the
    thread the preview draws on, before the preview's document can start.
    """
    return page.replace("&", "&amp;").replace("'", "&#39;")


@dataclass(frozen=True)
class PreviewParts:
    """The preview as put into Streamlit's page: the box (with the page inline) and the hand-over script."""

    box: str
    script: str


@functools.lru_cache(maxsize=4)
def preview_snippet(preview: Preview) -> str:
    """Markup for the start of Streamlit's ``<body>`` (:func:`preview_parts`, the script inline)."""
    parts = preview_parts(preview)
    return f"{parts.box}<script>{parts.script}</script>"


def late_script() -> str:
    """``<script>`` for a page asked for while the preview is being made: it asks for the preview when ready."""
    return f"<script>{(_JS / 'preview_late.js').read_text(encoding='utf-8')}</script>"


_JS: Final[Path] = JS_DIR


@functools.lru_cache(maxsize=4)
def preview_parts(preview: Preview) -> PreviewParts:
    """What goes into Streamlit's ``<body>``: the box with the page, and the hand-over script.

    The page is given inline (``srcdoc``, with a ``<base>`` pointing where its
    relative URLs hold) with its script, style sheets and features written into
    it (:func:`inline_page`), so it needs no request of its own.  Made once per
    preview: every first page of every visitor gets the same markup.

    Parameters
    ----------
    preview : Preview
        The published preview.

    Returns
    -------
    PreviewParts
        Markup with relative URLs (``./component/...``), so that it also works
        below a ``server.baseUrlPath``, and the script's source.
    """
    from geo.symbology import PLAIN_BACKGROUND
    from geo.view.i18n import text

    script = (_JS / "preview.js").read_text(encoding="utf-8")
    note = f"{text('preview_note', 'zh')} · {text('preview_note', 'en')}"
    title = f"{text('preview_title', 'zh')} · {text('preview_title', 'en')}"
    css = _BOX_CSS.replace("BACKGROUND", PLAIN_BACKGROUND)
    page = inline_page(preview).replace("<head>", f'<head><base href="./component/{PREVIEW_COMPONENT}/">', 1)
    box = (f"<style>{css}</style>"
           f'<div id="yq-preview"><iframe id="{PREVIEW_FRAME_ID}" srcdoc=\'{srcdoc_value(page)}\' '
           f'title="{html.escape(title)}"></iframe>'
           f'<div class="yq-preview-note">{html.escape(note)}</div></div>')
    return PreviewParts(box, script)
