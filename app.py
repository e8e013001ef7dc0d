"""Streamlit entry point of the plan's map: ``streamlit run app.py``.

All the work is in :mod:`geo.view`; the layers come from ``layers/`` (or
``$YUQIAN_LAYERS``).
"""

from geo.view.page import run_app

run_app()
