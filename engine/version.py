"""The release, in one place below every stage (the store and the rules cache record it)."""
__version__ = "0.1.0"
