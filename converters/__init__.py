"""converters: turn legacy municipal files into the standard CSV of their dataset.

Lowest layer of the project (imports flow ``api -> opendata -> converters``): readers, normalisation
steps, header mapping, recipes, and the Japanese primitives (``converters.jp``) that the validator in
``opendata`` also uses.
"""
