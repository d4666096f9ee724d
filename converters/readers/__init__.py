"""Readers: one module per input format (CSV/TSV, Excel, ODS, LinkData)."""
