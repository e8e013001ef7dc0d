"""Streamlit entry point of the plan's map: ``streamlit run app.py``.

All the work is in :mod:`geo.view`; the layers come from ``layers/`` (or
``$YUQIAN_LAYERS``).  ``streamlit run`` first imports this file as a module (no
script run yet) and finds ``app``: the server of :mod:`geo.view.server._serving`
(compressed, long-cached map files; caches warmed at start), which then runs
this same file as the script of every session.
"""

from streamlit.runtime.scriptrunner import get_script_run_ctx

if get_script_run_ctx(suppress_warning=True) is None:  # imported by the server: build it
    import streamlit as st
    from starlette.middleware import Middleware

    from geo.view.server import HashedFilesMiddleware, PreviewMiddleware, lifespan

    app = st.App(__file__, lifespan=lifespan,
                 middleware=[Middleware(PreviewMiddleware), Middleware(HashedFilesMiddleware)])
else:  # a session's script run
    from geo.view.page import run_app

    run_app()
