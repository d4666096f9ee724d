"""Metadata serialisations from one model: DCAT (JSON-LD, Turtle; DCAT-GoJ fields), schema.org Dataset
JSON-LD, Frictionless Data Package.  ``links.Links`` builds every URL from the service's base URL."""
