"""sitrep: conflict news in, structured, geocoded, de-duplicated events out."""

__version__ = "0.1.0"
