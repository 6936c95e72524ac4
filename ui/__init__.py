"""Streamlit layer: caching (cache.py), sidebar filters (filters.py), strings (i18n.py), layout blocks
(components.py), table shaping (views.py), chart builders (charts.py, theme.py), word clouds."""
