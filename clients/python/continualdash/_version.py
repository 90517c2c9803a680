"""The package's version: the dashboard's version, so `pip install <dashboard>/client/python/...` matches its server."""

__version__ = "0.1.0"
