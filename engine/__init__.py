"""rasti (راستی): rule-based fact and number verification for Persian news."""
from .api import Engine, read
from .errors import InputError, RuleFileError
from .model import Article, Mention

__all__ = ["Engine", "read", "Article", "Mention", "RuleFileError", "InputError"]
__version__ = "0.1.0"
