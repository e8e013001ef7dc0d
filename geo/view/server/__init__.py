"""The viewer's server: Streamlit's, with its files compressed and long cached, the map's preview, a warm start.

``app.py`` builds an ``st.App`` with :class:`HashedFilesMiddleware`,
:class:`PreviewMiddleware` and :func:`lifespan`.

* :mod:`._serving`: the hashed-files middleware and the warm-up;
* :mod:`._asgi`: the ASGI plumbing both middlewares share;
* :mod:`._page_middleware`: the preview put into Streamlit's page;
* :mod:`._preview`, :mod:`._preview_page`: the map's first view as a page of its own.
"""

from geo.view.server._page_middleware import PreviewMiddleware, start_preview_refresh
from geo.view.server._serving import HashedFilesMiddleware, lifespan, warm_first_view, warm_rest

__all__ = ["HashedFilesMiddleware", "PreviewMiddleware", "lifespan", "start_preview_refresh", "warm_first_view",
           "warm_rest"]
