"""Exporters: one small sink per format (`write()` per claim, then `finalize()`)."""
