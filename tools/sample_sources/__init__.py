"""Generators of the sample legacy sources under datasets/*/source/ (see datasets/README.md).

Run ``.venv/bin/python -m tools.sample_sources`` to regenerate every source, or name dataset ids to
regenerate only those.  The output is deterministic: the committed files are what the generators write.
"""
