"""rasti (راستی): rule-based fact and number verification for Persian news."""
from .api import Engine, read
from .errors import InputError, RuleFileError
from .feed.load import load
from .model import Article, Mention
from .version import __version__

__all__ = ["Engine", "read", "load", "Article", "Mention", "RuleFileError", "InputError"]
