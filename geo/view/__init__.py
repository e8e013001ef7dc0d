"""Streamlit map viewer of the plan: map assembly, styles, legend, labels and URL state.

Nothing is built at import time; :func:`geo.view.app.run_app` draws the page.
"""
