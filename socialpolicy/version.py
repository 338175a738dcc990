"""The package's version, in a module of its own so that any layer may read it without
importing the package's public surface (and with it the engine)."""

__version__ = "0.1.0"
