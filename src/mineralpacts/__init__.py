"""mineralpacts: bilateral critical-minerals agreements as checked, queryable data."""
__version__ = "0.1.0"
