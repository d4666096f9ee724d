"""Japanese data primitives shared by the converters and the validator (codes, characters, dates …)."""
