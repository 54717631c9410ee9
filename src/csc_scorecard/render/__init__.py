"""Reports: a renderer-neutral model built from assessed indicators, written as Excel, HTML, PDF."""
