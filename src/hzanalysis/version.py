"""The package version, in the base layer so that any layer may read it (the manifest does)."""

__version__ = "0.1.0"
