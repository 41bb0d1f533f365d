"""rasti (راستی): rule-based fact and number verification for Persian news."""
from .api import Engine, read
from .errors import InputError, RuleFileError
from .model import Article, Mention
from .version import __version__

__all__ = ["Engine", "read", "Article", "Mention", "RuleFileError", "InputError"]
