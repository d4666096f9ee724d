"""opendata: catalogue, validation, scoring, metadata and CLI for Japanese municipal open data."""

__version__ = "0.1.0"
